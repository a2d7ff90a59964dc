using System.Reflection;
using LeakNotebooks.Notebook.Magics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace LeakNotebooks.Notebook.Runner.Internal;

/// <summary>
/// The runner's C# script state and its <see cref="IMagicHost"/>: shown values become outputs of the running cell,
/// variables are variables of the script state that C# cells continue.
/// </summary>
internal sealed class RunnerHost : IMagicHost
{
    private static readonly string[] s_imports =
    [
        "System", "System.Collections", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks",
        // For value.Display(), which .NET Interactive notebooks use as well as display(value).
        "LeakNotebooks.Notebook.Runner",
    ];

    private static readonly AsyncLocal<RunnerHost?> s_current = new();

    private readonly ScriptVariableInbox _inbox = new();
    private readonly NotebookScriptGlobals _globals;
    private readonly object _outputLock = new();
    private readonly HashSet<Assembly> _referenced = [];
    private ScriptOptions _options;
    private ScriptState<object>? _state;
    private NotebookCell? _cell;
    private ConsoleCapture? _capture;

    public RunnerHost(string workingDirectory, IReadOnlyList<Assembly> references)
    {
        _globals = new NotebookScriptGlobals(this, _inbox);
        Assembly[] assemblies =
        [
            typeof(object).Assembly,
            typeof(Enumerable).Assembly,
            typeof(Console).Assembly,
            typeof(List<>).Assembly,
            typeof(System.Text.RegularExpressions.Regex).Assembly,
            typeof(System.Text.Json.JsonSerializer).Assembly,
            typeof(LeakNotebooks.Core.Graph.HeapGraph).Assembly,
            typeof(LeakNotebooks.Inspector.Node.NodeInspectorSession).Assembly,
            typeof(LeakNotebooks.Views.Formatting.ViewFormatting).Assembly,
            typeof(RunnerHost).Assembly,
            .. references,
        ];
        _referenced.UnionWith(assemblies);
        _options = ScriptOptions.Default
            .AddReferences(assemblies)
            .AddImports(s_imports)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(workingDirectory))
            .WithSourceResolver(new SourceFileResolver([], workingDirectory))
            .WithEmitDebugInformation(false);
    }

    /// <summary>The host of the cell running in this async flow (set by <see cref="MakeCurrent"/>), for <c>value.Display()</c>.</summary>
    public static RunnerHost? Current => s_current.Value;

    /// <summary>Makes this host <see cref="Current"/> for the calling async flow and what it starts.</summary>
    public void MakeCurrent() => s_current.Value = this;

    /// <summary>Where <see cref="Display(object)"/> puts outputs and console text goes.</summary>
    public void BeginCell(NotebookCell cell, ConsoleCapture capture)
    {
        lock (_outputLock)
        {
            _cell = cell;
            _capture = capture;
        }
    }

    /// <summary>Flushes the cell's console text into stream outputs.</summary>
    public void EndCell()
    {
        FlushConsole();
        lock (_outputLock)
        {
            _cell = null;
            _capture = null;
        }
    }

    /// <summary>Runs one C# submission, continuing the state; returns its result value (null when it has none).</summary>
    /// <param name="code">The C# code.</param>
    /// <param name="fileName">A name for stack traces (<c>cell 3</c>), whose line numbers are then the code's; null for runner-made code.</param>
    /// <param name="cancellationToken">Cancels before the code starts.</param>
    public async Task<object?> RunAsync(string code, string? fileName, CancellationToken cancellationToken)
    {
        ScriptOptions options = fileName is null ? _options : _options.WithFilePath(fileName).WithEmitDebugInformation(true);
        // From a stream, so the source text has an encoding: debug information (line numbers in stack traces) needs one.
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(code));
        ScriptState<object> state = _state is null
            ? await CSharpScript.Create<object>(stream, options, typeof(NotebookScriptGlobals)).RunAsync(_globals, cancellationToken).ConfigureAwait(false)
            : await _state.Script.ContinueWith<object>(stream, options).RunFromAsync(_state, cancellationToken).ConfigureAwait(false);
        _state = state;
        return state.ReturnValue;
    }

    /// <summary>The declared type of a script variable, or null.</summary>
    public ScriptVariable? GetScriptVariable(string name) => _state?.GetVariable(name);

    public IDisplayHandle Display(object value) => Display(value, []);

    public IDisplayHandle Display(object? value, IReadOnlyList<string> mimeTypes) =>
        Add(CellOutput.Display(OutputFormatter.Format(value, mimeTypes)), mimeTypes);

    /// <summary>Shows a cell's result value.</summary>
    public void ShowResult(object value) => Add(CellOutput.Result(OutputFormatter.Format(value, [])), []);

    public void DisplayMarkdown(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        Add(CellOutput.Display(OutputFormatter.Markdown(markdown)), []);
    }

    /// <summary>Adds an output to the running cell, after the console text written so far.</summary>
    public IDisplayHandle Add(CellOutput output, IReadOnlyList<string> mimeTypes)
    {
        FlushConsole();
        lock (_outputLock)
        {
            NotebookCell cell = _cell ?? throw new InvalidOperationException("display was called while no cell is running.");
            cell.Outputs.Add(output);
            return new Handle(this, cell, output, mimeTypes);
        }
    }

    public async Task SetVariableAsync(string name, object value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(value);
        Type type = CSharpTypeName.NameableType(value);
        AddReferences(type);
        _inbox.Put(name, value);
        await RunAsync($"var {name} = ({CSharpTypeName.Of(type)})__leaknb.Get(\"{name}\");", null, cancellationToken).ConfigureAwait(false);
    }

    public bool TryGetVariable(string name, out object? value)
    {
        if (GetScriptVariable(name) is { } variable)
        {
            value = variable.Value;
            return true;
        }
        value = null;
        return false;
    }

    private void FlushConsole()
    {
        lock (_outputLock)
        {
            if (_capture is null || _cell is null)
            {
                return;
            }
            (string text, string error) = _capture.Take();
            if (text.Length > 0)
            {
                _cell.Outputs.Add(CellOutput.Stream("stdout", text));
            }
            if (error.Length > 0)
            {
                _cell.Outputs.Add(CellOutput.Stream("stderr", error));
            }
        }
    }

    private void AddReferences(Type type)
    {
        var pending = new Stack<Type>([type]);
        var add = new List<Assembly>();
        while (pending.TryPop(out Type? t))
        {
            if (_referenced.Add(t.Assembly))
            {
                add.Add(t.Assembly);
            }
            if (t.HasElementType)
            {
                pending.Push(t.GetElementType()!);
            }
            foreach (Type argument in t.IsGenericType ? t.GetGenericArguments() : [])
            {
                pending.Push(argument);
            }
        }
        if (add.Count > 0)
        {
            _options = _options.AddReferences(add);
        }
    }

    private void Replace(NotebookCell cell, CellOutput old, CellOutput replacement)
    {
        lock (_outputLock)
        {
            int index = cell.Outputs.IndexOf(old);
            if (index >= 0)
            {
                cell.Outputs[index] = replacement;
            }
            else
            {
                cell.Outputs.Add(replacement);
            }
        }
    }

    private sealed class Handle(RunnerHost host, NotebookCell cell, CellOutput output, IReadOnlyList<string> mimeTypes) : IDisplayHandle
    {
        private CellOutput _output = output;

        public void Update(object value)
        {
            CellOutput replacement = CellOutput.Display(OutputFormatter.Format(value, mimeTypes));
            host.Replace(cell, _output, replacement);
            _output = replacement;
        }
    }
}
