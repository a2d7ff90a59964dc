// A FAKE of the part of .NET Interactive (dotnet/interactive at HEAD, the current directive API) that extension.dib
// uses: namespaces, type names and member shapes as shared/docs/dotnet-interactive.md documents them, with just
// enough behaviour to run the glue. It checks our glue against the documented API shapes, NOT against a real kernel
// (no .NET Interactive package can be restored where this project is built). Compiled at test time with Roslyn by
// ExtensionGlueTests; not part of the test assembly.
#nullable enable
using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Connection;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Events;

namespace Microsoft.DotNet.Interactive
{
    public abstract class Kernel
    {
        private readonly Dictionary<Type, Func<KernelCommand, KernelInvocationContext, Task>> _handlers = new();

        protected Kernel(string name)
        {
            Name = name;
            KernelInfo = new KernelInfo(name);
        }

        /// <summary>The root kernel of the process (Kernel.Static.cs).</summary>
        public static Kernel Root { get; set; } = null!;

        public string Name { get; }

        public KernelInfo KernelInfo { get; }

        public CompositeKernel? ParentKernel { get; internal set; }

        public Kernel RootKernel => ParentKernel is null ? this : ParentKernel.RootKernel;

        /// <summary>The typed directive registration (Kernel.cs): binds parameters to <typeparamref name="TCommand"/> through JSON.</summary>
        public void AddDirective<TCommand>(KernelActionDirective directive, Func<TCommand, KernelInvocationContext, Task> handler)
            where TCommand : KernelCommand
        {
            if (KernelInfo.SupportedDirectives.Any(d => d.Name == directive.Name))
            {
                // NamedSymbolCollection.Add
                throw new ArgumentException($"A directive named '{directive.Name}' is already present.");
            }
            directive.KernelCommandType = typeof(TCommand);
            KernelInfo.SupportedDirectives.Add(directive);
            _handlers[typeof(TCommand)] = (command, context) => handler((TCommand)command, context);
            KernelCommandEnvelope.RegisterCommand<TCommand>();
        }

        public void RegisterCommandHandler<TCommand>(Func<TCommand, KernelInvocationContext, Task> handler)
            where TCommand : KernelCommand =>
            _handlers[typeof(TCommand)] = (command, context) => handler((TCommand)command, context);

        public Task<KernelCommandResult> SendAsync(KernelCommand command, CancellationToken cancellationToken = default) =>
            SendCoreAsync(command, cancellationToken);

        private async Task<KernelCommandResult> SendCoreAsync(KernelCommand command, CancellationToken cancellationToken)
        {
            Kernel handling = command.TargetKernelName is { } target && target != Name
                ? RootKernel.FindKernelByName(target) ?? this
                : this;
            var context = new KernelInvocationContext(command, handling, KernelInvocationContext.Current, cancellationToken);
            KernelInvocationContext? previous = KernelInvocationContext.Current;
            KernelInvocationContext.Current = context;
            try
            {
                if (handling._handlers.TryGetValue(command.GetType(), out var handler))
                {
                    await handler(command, context);
                }
                else
                {
                    await handling.HandleUnknownAsync(command, context);
                }
            }
            catch (Exception e)
            {
                // What a user sees for an exception thrown by a handler: the whole exception text, stack trace included.
                context.Fail(command, e, e.ToString());
            }
            finally
            {
                KernelInvocationContext.Current = previous;
            }
            if (!context.IsFailed)
            {
                context.Publish(new CommandSucceeded(command));
            }
            return new KernelCommandResult(command, context.Events);
        }

        protected virtual Task HandleUnknownAsync(KernelCommand command, KernelInvocationContext context)
        {
            context.Fail(command, message: $"Kernel '{Name}' does not handle {command.GetType().Name}.");
            return Task.CompletedTask;
        }
    }

    public sealed class CompositeKernel : Kernel, IEnumerable<Kernel>
    {
        private readonly List<Kernel> _children = new();

        public CompositeKernel(string name = ".NET") : base(name)
        {
        }

        public IReadOnlyList<Kernel> ChildKernels => _children;

        public void Add(Kernel kernel, IReadOnlyCollection<string>? aliases = null)
        {
            kernel.ParentKernel = this;
            _children.Add(kernel);
        }

        public IEnumerator<Kernel> GetEnumerator() => _children.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    public static class KernelExtensions
    {
        public static Kernel? FindKernelByName(this Kernel kernel, string name)
        {
            if (kernel.Name == name)
            {
                return kernel;
            }
            return kernel is CompositeKernel composite
                ? composite.ChildKernels.Select(k => k.FindKernelByName(name)).FirstOrDefault(k => k is not null)
                : null;
        }
    }

    public class KernelInfo
    {
        public KernelInfo(string localName)
        {
            LocalName = localName;
        }

        public string LocalName { get; }

        public ICollection<KernelDirective> SupportedDirectives { get; } = new List<KernelDirective>();
    }

    public class KernelInvocationContext
    {
        private static readonly AsyncLocal<KernelInvocationContext?> s_current = new();
        private readonly List<KernelEvent> _events = new();
        private readonly KernelInvocationContext? _parent;

        internal KernelInvocationContext(KernelCommand command, Kernel handlingKernel, KernelInvocationContext? parent, CancellationToken cancellationToken)
        {
            Command = command;
            HandlingKernel = handlingKernel;
            _parent = parent;
            CancellationToken = cancellationToken;
        }

        public static KernelInvocationContext? Current
        {
            get => s_current.Value;
            internal set => s_current.Value = value;
        }

        public KernelCommand Command { get; }

        public Kernel HandlingKernel { get; }

        public CancellationToken CancellationToken { get; }

        public bool IsFailed { get; private set; }

        internal IReadOnlyList<KernelEvent> Events => _events;

        public void Publish(KernelEvent kernelEvent)
        {
            _events.Add(kernelEvent);
            // Events of a child command reach the parent's context when the child was sent with bubbleEvents.
            if (_parent is not null && kernelEvent.Command.BubblesEventsTo(_parent.Command))
            {
                _parent.Publish(kernelEvent);
            }
        }

        public void Fail(KernelCommand command, Exception? exception = null, string? message = null)
        {
            IsFailed = true;
            Publish(new CommandFailed(exception, command, message ?? exception?.Message ?? "Command failed."));
        }
    }

    public static class KernelInvocationContextExtensions
    {
        public static DisplayedValue Display(this KernelInvocationContext context, object value, params string[] mimeTypes)
        {
            string displayId = Guid.NewGuid().ToString("N");
            context.Publish(new DisplayedValueProduced(value, context.Command, FakeFormatter.Format(value, mimeTypes), displayId));
            return new DisplayedValue(displayId, mimeTypes, context);
        }

        public static DisplayedValue DisplayAs(this KernelInvocationContext context, string value, string mimeType, params string[] additionalMimeTypes)
        {
            string displayId = Guid.NewGuid().ToString("N");
            var formatted = new[] { new FormattedValue(mimeType, value) }.Concat(additionalMimeTypes.Select(m => new FormattedValue(m, value))).ToArray();
            context.Publish(new DisplayedValueProduced(value, context.Command, formatted, displayId));
            return new DisplayedValue(displayId, new[] { mimeType }, context);
        }
    }

    public class DisplayedValue
    {
        private readonly KernelInvocationContext _context;
        private readonly string[] _mimeTypes;

        internal DisplayedValue(string displayId, string[] mimeTypes, KernelInvocationContext context)
        {
            DisplayId = displayId;
            _mimeTypes = mimeTypes;
            _context = context;
        }

        public string DisplayId { get; }

        public IReadOnlyCollection<string> MimeTypes => _mimeTypes;

        public void Update(object updatedValue) =>
            _context.Publish(new DisplayedValueUpdated(updatedValue, DisplayId, _context.Command, FakeFormatter.Format(updatedValue, _mimeTypes)));
    }

    public class FormattedValue
    {
        public FormattedValue(string mimeType, string value)
        {
            MimeType = mimeType;
            Value = value;
        }

        public string MimeType { get; }

        public string Value { get; }
    }

    public class KernelCommandResult
    {
        internal KernelCommandResult(KernelCommand command, IReadOnlyList<KernelEvent> events)
        {
            Command = command;
            Events = events.ToArray();
        }

        public KernelCommand Command { get; }

        public IReadOnlyList<KernelEvent> Events { get; }
    }

    /// <summary>
    /// Stands in for Formatter: the zero-reference TypeFormatterSourceAttribute convention (found by attribute name,
    /// CreateTypeFormatters, MimeType + Format(object, TextWriter)), else ToString as text/plain.
    /// </summary>
    internal static class FakeFormatter
    {
        public static FormattedValue[] Format(object value, string[] mimeTypes)
        {
            string wanted = mimeTypes.Length > 0 ? mimeTypes[0] : "text/html";
            object? attribute = value.GetType().GetCustomAttributes(inherit: true).FirstOrDefault(a => a.GetType().Name == "TypeFormatterSourceAttribute");
            if (attribute?.GetType().GetProperty("FormatterSourceType")?.GetValue(attribute) is Type sourceType
                && sourceType.GetMethod("CreateTypeFormatters")?.Invoke(Activator.CreateInstance(sourceType), null) is System.Collections.IEnumerable formatters)
            {
                foreach (object formatter in formatters)
                {
                    if ((string?)formatter.GetType().GetProperty("MimeType")?.GetValue(formatter) == wanted)
                    {
                        using var writer = new StringWriter();
                        if (formatter.GetType().GetMethod("Format", new[] { typeof(object), typeof(TextWriter) })?.Invoke(formatter, new[] { value, writer }) is true)
                        {
                            return new[] { new FormattedValue(wanted, writer.ToString()) };
                        }
                    }
                }
            }
            return new[] { new FormattedValue("text/plain", value.ToString() ?? string.Empty) };
        }
    }
}

namespace Microsoft.DotNet.Interactive.CSharp
{
    /// <summary>The C# kernel: SendValue creates a variable holding the live object (CSharpKernel.SetValueAsync).</summary>
    public class CSharpKernel : Kernel
    {
        private readonly Dictionary<string, object?> _variables = new(StringComparer.Ordinal);

        public CSharpKernel(string name = "csharp") : base(name)
        {
            RegisterCommandHandler<SendValue>(HandleSendValueAsync);
        }

        internal IReadOnlyDictionary<string, object?> Variables => _variables;

        public bool TryGetValue<T>(string name, [MaybeNullWhen(false)] out T value)
        {
            if (_variables.TryGetValue(name, out object? found) && found is T typed)
            {
                value = typed;
                return true;
            }
            value = default;
            return false;
        }

        internal void SetVariable(string name, object? value) => _variables[name] = value;

        private Task HandleSendValueAsync(SendValue command, KernelInvocationContext context)
        {
            Type? type = command.Value?.GetType();
            if (type is not null && (type.Assembly.IsDynamic || type.FullName?.Contains("Submission#") == true))
            {
                // The kernel declares "<TypeName> name = default;": a script-defined type fails (checked in the real kernel).
                context.Fail(command, message: $"(1,1): error CS1040: Preprocessor directives must appear as the first non-whitespace character on a line ({type.FullName})");
                return Task.CompletedTask;
            }
            _variables[command.Name] = command.Value;
            return Task.CompletedTask;
        }
    }
}
