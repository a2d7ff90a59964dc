// FAKE of .NET Interactive commands, events, directives and the command envelope (see Interactive.cs for what this
// fake is and is not). Compiled at test time with Roslyn; not part of the test assembly.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading.Tasks;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Events;

namespace Microsoft.DotNet.Interactive.Commands
{
    public abstract class KernelCommand
    {
        private bool _bubbleEvents;

        protected KernelCommand(string? targetKernelName = null)
        {
            TargetKernelName = targetKernelName;
        }

        public string? TargetKernelName { get; set; }

        public Uri? OriginUri { get; set; }

        public Uri? DestinationUri { get; set; }

        [JsonIgnore]
        public KernelCommand? Parent { get; private set; }

        public void SetParent(KernelCommand parent, bool bubbleEvents = false)
        {
            Parent = parent;
            _bubbleEvents = bubbleEvents;
        }

        internal bool BubblesEventsTo(KernelCommand parent) => _bubbleEvents && ReferenceEquals(Parent, parent);
    }

    /// <summary>Base class of a directive's bound command (Commands/KernelDirectiveCommand.cs).</summary>
    public abstract class KernelDirectiveCommand : KernelCommand
    {
        public virtual IEnumerable<string> GetValidationErrors(CompositeKernel kernel) => Array.Empty<string>();
    }

    public class SubmitCode : KernelCommand
    {
        public SubmitCode(string code, string? targetKernelName = null) : base(targetKernelName)
        {
            Code = code;
        }

        public string Code { get; }
    }

    public class SendValue : KernelCommand
    {
        public SendValue(string name, object? value, FormattedValue? formattedValue = null, string? targetKernelName = null)
            : base(targetKernelName)
        {
            Name = name;
            Value = value;
            // Without a FormattedValue the real constructor serializes the value to JSON at once.
            FormattedValue = formattedValue ?? new FormattedValue("application/json", JsonSerializer.Serialize(value));
        }

        public string Name { get; }

        [JsonIgnore]
        public object? Value { get; }

        public FormattedValue FormattedValue { get; }
    }

    public class RequestValue : KernelCommand
    {
        public RequestValue(string name, string mimeType = "application/json", string? targetKernelName = null) : base(targetKernelName)
        {
            Name = name;
            MimeType = mimeType;
        }

        public string Name { get; }

        public string MimeType { get; }
    }
}

namespace Microsoft.DotNet.Interactive.Events
{
    public abstract class KernelEvent
    {
        protected KernelEvent(KernelCommand command)
        {
            Command = command;
        }

        public KernelCommand Command { get; }
    }

    public class DisplayedValueProduced : KernelEvent
    {
        public DisplayedValueProduced(object? value, KernelCommand command, IReadOnlyCollection<FormattedValue> formattedValues, string? valueId = null)
            : base(command)
        {
            Value = value;
            FormattedValues = formattedValues;
            ValueId = valueId;
        }

        public object? Value { get; }

        public IReadOnlyCollection<FormattedValue> FormattedValues { get; }

        public string? ValueId { get; }
    }

    public class DisplayedValueUpdated : KernelEvent
    {
        public DisplayedValueUpdated(object? value, string valueId, KernelCommand command, IReadOnlyCollection<FormattedValue> formattedValues)
            : base(command)
        {
            Value = value;
            ValueId = valueId;
            FormattedValues = formattedValues;
        }

        public object? Value { get; }

        public string ValueId { get; }

        public IReadOnlyCollection<FormattedValue> FormattedValues { get; }
    }

    public class CommandFailed : KernelEvent
    {
        public CommandFailed(Exception? exception, KernelCommand command, string? message = null) : base(command)
        {
            Exception = exception;
            Message = message ?? exception?.Message ?? "Command failed.";
        }

        public Exception? Exception { get; }

        public string Message { get; }
    }

    public class CommandSucceeded : KernelEvent
    {
        public CommandSucceeded(KernelCommand command) : base(command)
        {
        }
    }

    public class CompletionItem
    {
        public CompletionItem(string displayText, string kind)
        {
            DisplayText = displayText;
            Kind = kind;
        }

        public string DisplayText { get; }

        public string Kind { get; }
    }
}

namespace Microsoft.DotNet.Interactive.Directives
{
    public abstract class KernelDirective
    {
        protected KernelDirective(string name)
        {
            Name = name;
        }

        public string Name { get; init; }

        public override string ToString() => Name;
    }

    public class KernelActionDirective : KernelDirective
    {
        private readonly ParameterCollection _parameters = new();

        public KernelActionDirective(string name, string? description = null) : base(name)
        {
            Description = description;
        }

        public string? Description { get; init; }

        public bool Hidden { get; init; }

        public Type? KernelCommandType { get; set; }

        public ICollection<KernelDirectiveParameter> Parameters => _parameters;

        public ICollection<KernelActionDirective> Subcommands { get; } = new List<KernelActionDirective>();

        // NamedSymbolCollection: unique names, at most one implicit-name parameter (KernelDirective.cs).
        private sealed class ParameterCollection : System.Collections.ObjectModel.Collection<KernelDirectiveParameter>
        {
            protected override void InsertItem(int index, KernelDirectiveParameter item)
            {
                if (this.Any(p => p.Name == item.Name))
                {
                    throw new ArgumentException($"Directive already contains a parameter named '{item.Name}'.");
                }
                if (item.AllowImplicitName && this.Any(p => p.AllowImplicitName))
                {
                    throw new ArgumentException("Only one parameter on a directive can have AllowImplicitName set to true.");
                }
                base.InsertItem(index, item);
            }
        }
    }

    public class KernelDirectiveParameter
    {
        private readonly List<Func<KernelDirectiveCompletionContext, Task>> _completionSources = new();

        public KernelDirectiveParameter(string name, string? description = null)
        {
            Name = name;
            Description = description ?? string.Empty;
        }

        public string Name { get; }

        public string Description { get; init; }

        public bool AllowImplicitName { get; init; }

        public int MaxOccurrences { get; init; } = 1;

        public bool Required { get; init; }

        public string TypeHint { get; init; } = "text";

        public bool Flag { get; init; }

        public KernelDirectiveParameter AddCompletions(Func<KernelDirectiveCompletionContext, Task> getCompletions)
        {
            _completionSources.Add(getCompletions);
            return this;
        }

        public KernelDirectiveParameter AddCompletions(Func<IEnumerable<string>> getCompletions)
        {
            _completionSources.Add(context =>
            {
                foreach (string value in getCompletions())
                {
                    context.CompletionItems.Add(new CompletionItem(value, "Parameter"));
                }
                return Task.CompletedTask;
            });
            return this;
        }

        public async Task<IReadOnlyList<CompletionItem>> GetValueCompletionsAsync()
        {
            var context = new KernelDirectiveCompletionContext();
            foreach (var source in _completionSources)
            {
                await source(context);
            }
            return context.CompletionItems.ToArray();
        }
    }

    public class KernelDirectiveCompletionContext
    {
        public IList<CompletionItem> CompletionItems { get; } = new List<CompletionItem>();
    }
}

namespace Microsoft.DotNet.Interactive.Connection
{
    /// <summary>The command-type registry, keyed by simple type name (KernelCommandEnvelope.RegisterCommand).</summary>
    public static class KernelCommandEnvelope
    {
        private static readonly Dictionary<string, Type> s_commandTypes = new(StringComparer.Ordinal);

        public static void RegisterCommand<T>() where T : KernelCommand
        {
            // The real registry overwrites silently, so two command classes with one simple name would bind one
            // directive's values to the other's type; the fake refuses, to catch that in our glue.
            if (s_commandTypes.TryGetValue(typeof(T).Name, out Type? existing) && existing != typeof(T))
            {
                throw new InvalidOperationException($"Two command types named {typeof(T).Name}: {existing.FullName} and {typeof(T).FullName}.");
            }
            s_commandTypes[typeof(T).Name] = typeof(T);
        }

        public static Type? TryGetCommandType(string name) => s_commandTypes.TryGetValue(name, out Type? type) ? type : null;

        internal static void Reset() => s_commandTypes.Clear();
    }

    /// <summary>The serializer options commands are bound with (Connection/Serializer.cs).</summary>
    public static class Serializer
    {
        public static JsonSerializerOptions JsonSerializerOptions { get; } = new()
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            PropertyNameCaseInsensitive = true,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        };
    }
}

namespace System
{
    // In Microsoft.DotNet.Interactive.dll: the reason ctx.Display("text", "text/plain") is ambiguous (CS0121).
    public static class DisplayExtensions
    {
        public static Microsoft.DotNet.Interactive.DisplayedValue Display(this object value, params string[] mimeTypes) =>
            Microsoft.DotNet.Interactive.KernelInvocationContextExtensions.Display(
                Microsoft.DotNet.Interactive.KernelInvocationContext.Current ?? throw new InvalidOperationException("No current context."), value, mimeTypes);

        public static Microsoft.DotNet.Interactive.DisplayedValue DisplayAs(this string value, string mimeType, params string[] additionalMimeTypes) =>
            Microsoft.DotNet.Interactive.KernelInvocationContextExtensions.DisplayAs(
                Microsoft.DotNet.Interactive.KernelInvocationContext.Current ?? throw new InvalidOperationException("No current context."), value, mimeType, additionalMimeTypes);
    }
}
