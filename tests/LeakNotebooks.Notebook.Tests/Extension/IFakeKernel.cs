namespace LeakNotebooks.Notebook.Tests.Extension;

/// <summary>
/// What the tests see of the fake .NET Interactive kernel (Fakes/, compiled at test time): a root kernel with a C#
/// kernel, where extension.dib is loaded and directive lines are submitted the way the real kernel binds them.
/// A fake at the kernel seam only: it checks our glue against the documented API shapes, not against a real kernel.
/// </summary>
public interface IFakeKernel
{
    /// <summary>
    /// Runs <paramref name="runCells"/> (the .dib's compiled C# cells) while the C# kernel handles the
    /// <c>#r "nuget: …"</c> submission, as the extension loader does; returns that submission's events.
    /// </summary>
    Task<IReadOnlyList<FakeKernelEvent>> LoadExtensionAsync(Func<Task> runCells);

    /// <summary>
    /// Submits one directive line: parsed against the registered directive, bound to its command type through the
    /// <c>{"commandType", "command"}</c> JSON with camelCase keys, and handled by the root kernel.
    /// </summary>
    Task<IReadOnlyList<FakeKernelEvent>> SubmitAsync(string directiveLine);

    /// <summary>The directives registered on the root kernel.</summary>
    IReadOnlyList<FakeDirective> Directives { get; }

    /// <summary>The public settable properties of the kernel's command base classes (JSON keys they would take).</summary>
    IReadOnlyList<string> CommandBaseProperties { get; }

    /// <summary>Reads a variable of the C# kernel.</summary>
    bool TryGetVariable(string name, out object? value);

    /// <summary>Creates a variable in the C# kernel, as a C# cell would.</summary>
    void SetVariable(string name, object? value);
}
