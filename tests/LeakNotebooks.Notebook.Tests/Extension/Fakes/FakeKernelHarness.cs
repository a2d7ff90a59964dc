// The test-facing side of the FAKE .NET Interactive kernel (see Interactive.cs): a root CompositeKernel with a C#
// kernel, loading extension.dib the way PackageDirectoryExtensionLoader does, and binding directive lines the way
// SubmissionParser/DirectiveNode do (JSON {"commandType", "command"} with camelCase parameter names, values as
// strings, flags as true/false, values starting with [ { " parsed as JSON, deserialized with the kernel's options).
// Compiled at test time with Roslyn; not part of the test assembly.
#nullable enable
using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using LeakNotebooks.Notebook.Tests.Extension;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.Connection;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Directives;
using Microsoft.DotNet.Interactive.Events;

namespace FakeInteractive
{
    public sealed class FakeKernelHarness : IFakeKernel
    {
        private readonly CompositeKernel _root = new();
        private readonly CSharpKernel _csharp = new();
        private Func<Task>? _pendingCells;

        public FakeKernelHarness()
        {
            _root.Add(_csharp, new[] { "c#", "C#" });
            Kernel.Root = _root;
            KernelCommandEnvelope.Reset();
            _csharp.RegisterCommandHandler<SubmitCode>(async (_, _) =>
            {
                if (_pendingCells is { } cells)
                {
                    await cells();
                }
            });
        }

        public IReadOnlyList<FakeDirective> Directives =>
            _root.KernelInfo.SupportedDirectives.OfType<KernelActionDirective>().Select(d => new FakeDirective(
                d.Name,
                d.Description,
                d.KernelCommandType?.Name,
                d.Parameters.Select(p => new FakeDirectiveParameter(
                    p.Name, p.Description, p.AllowImplicitName, p.Required, p.Flag, p.TypeHint,
                    p.GetValueCompletionsAsync().GetAwaiter().GetResult().Select(c => c.DisplayText).ToArray())).ToArray())).ToArray();

        public IReadOnlyList<string> CommandBaseProperties =>
            typeof(KernelDirectiveCommand).GetProperties().Where(p => p.CanWrite).Select(p => p.Name).ToArray();

        public async Task<IReadOnlyList<FakeKernelEvent>> LoadExtensionAsync(Func<Task> runCells)
        {
            _pendingCells = runCells;
            try
            {
                KernelCommandResult result = await _root.SendAsync(new SubmitCode("#r \"nuget: LeakNotebooks, 0.1.0\"", "csharp"));
                return Convert(result.Events);
            }
            finally
            {
                _pendingCells = null;
            }
        }

        public async Task<IReadOnlyList<FakeKernelEvent>> SubmitAsync(string directiveLine)
        {
            var submission = new SubmitCode(directiveLine, "csharp");
            List<string> tokens = Tokenize(directiveLine);
            KernelActionDirective? directive = _root.KernelInfo.SupportedDirectives.OfType<KernelActionDirective>().FirstOrDefault(d => d.Name == tokens[0]);
            if (directive?.KernelCommandType is null)
            {
                return Failed($"DNI101: Unrecognized magic command '{tokens[0]}'", submission);
            }

            var values = new JsonObject();
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            KernelDirectiveParameter? implicitParameter = directive.Parameters.FirstOrDefault(p => p.AllowImplicitName);
            for (int i = 1; i < tokens.Count; i++)
            {
                string token = tokens[i];
                KernelDirectiveParameter? parameter;
                string? value;
                if (token.StartsWith("--", StringComparison.Ordinal))
                {
                    parameter = directive.Parameters.FirstOrDefault(p => p.Name == token);
                    if (parameter is null)
                    {
                        return Failed($"DNI103: Unrecognized parameter name '{token}'", submission);
                    }
                    value = parameter.Flag ? null : (i + 1 < tokens.Count ? tokens[++i] : null);
                    if (!parameter.Flag && value is null)
                    {
                        return Failed($"DNI106: Missing value for parameter '{token}'", submission);
                    }
                }
                else if (implicitParameter is not null)
                {
                    parameter = implicitParameter;
                    value = token;
                }
                else
                {
                    return Failed($"DNI103: Unrecognized parameter value '{token}'", submission);
                }
                counts[parameter.Name] = counts.TryGetValue(parameter.Name, out int n) ? n + 1 : 1;
                if (counts[parameter.Name] > parameter.MaxOccurrences && !parameter.AllowImplicitName)
                {
                    return Failed($"DNI105: Too many occurrences of '{parameter.Name}'", submission);
                }
                values[CamelCase(parameter.Name)] = parameter.Flag ? JsonValue.Create(true) : ToJson(value!);
            }
            foreach (KernelDirectiveParameter parameter in directive.Parameters)
            {
                if (counts.TryGetValue(parameter.Name, out int count) && count > 1)
                {
                    // Repeated positional values are dropped silently: the kernel binds only when exactly one matches.
                    values.Remove(CamelCase(parameter.Name));
                }
                if (parameter.Flag && !values.ContainsKey(CamelCase(parameter.Name)))
                {
                    values[CamelCase(parameter.Name)] = false;
                }
                if (parameter.Required && !values.ContainsKey(CamelCase(parameter.Name)))
                {
                    return Failed($"DNI104: Missing required parameter '{parameter.Name}'", submission);
                }
            }

            // Like DirectiveNode.TryGetJsonAsync, the kernel appends the directive's path (no KernelCommand property takes
            // it, so it lands in the command's extension data) and the target kernel's name (bound to TargetKernelName;
            // left out here, where it would change the fake's routing).
            values["invokedDirective"] = tokens[0];
            string envelope = new JsonObject
            {
                ["commandType"] = directive.KernelCommandType.Name,
                ["command"] = values,
            }.ToJsonString();
            using JsonDocument document = JsonDocument.Parse(envelope);
            Type commandType = KernelCommandEnvelope.TryGetCommandType(document.RootElement.GetProperty("commandType").GetString()!)
                ?? throw new InvalidOperationException("The command type was not registered.");
            var command = (KernelCommand)(document.RootElement.GetProperty("command").Deserialize(commandType, Serializer.JsonSerializerOptions)
                ?? throw new InvalidOperationException("The command did not deserialize."));
            command.SetParent(submission);
            KernelCommandResult result = await _root.SendAsync(command);
            return Convert(result.Events);
        }

        public bool TryGetVariable(string name, out object? value) => _csharp.Variables.TryGetValue(name, out value);

        public void SetVariable(string name, object? value) => _csharp.SetVariable(name, value);

        private static JsonNode? ToJson(string value)
        {
            if (value.StartsWith('"'))
            {
                // A quoted value keeps its backslashes verbatim; only the quotes go.
                return JsonValue.Create(value.Trim('"'));
            }
            if (value.StartsWith('[') || value.StartsWith('{'))
            {
                return JsonNode.Parse(value);
            }
            return JsonValue.Create(value);
        }

        private static string CamelCase(string name)
        {
            string[] parts = name.TrimStart('-').Split('-', StringSplitOptions.RemoveEmptyEntries);
            return string.Concat(parts.Select((p, i) => (i == 0 ? char.ToLowerInvariant(p[0]) : char.ToUpperInvariant(p[0])) + p[1..]));
        }

        private static List<string> Tokenize(string line)
        {
            var tokens = new List<string>();
            var current = new StringBuilder();
            int depth = 0;
            bool inQuotes = false;
            foreach (char c in line.Trim())
            {
                if (c == '"')
                {
                    inQuotes = !inQuotes;
                }
                else if (!inQuotes && (c == '[' || c == '{'))
                {
                    depth++;
                }
                else if (!inQuotes && (c == ']' || c == '}'))
                {
                    depth--;
                }
                if (char.IsWhiteSpace(c) && !inQuotes && depth == 0)
                {
                    if (current.Length > 0)
                    {
                        tokens.Add(current.ToString());
                        current.Clear();
                    }
                    continue;
                }
                current.Append(c);
            }
            if (current.Length > 0)
            {
                tokens.Add(current.ToString());
            }
            return tokens;
        }

        private static IReadOnlyList<FakeKernelEvent> Failed(string message, KernelCommand command) =>
            new[] { new FakeKernelEvent("failed", null, null, message, null, false, command.GetType().Name) };

        private static IReadOnlyList<FakeKernelEvent> Convert(IEnumerable<KernelEvent> events) => events.Select(e => e switch
        {
            DisplayedValueProduced d => new FakeKernelEvent(
                "displayed", d.Value, d.FormattedValues.First().MimeType, d.FormattedValues.First().Value, d.ValueId, false, d.Command.GetType().Name),
            DisplayedValueUpdated u => new FakeKernelEvent(
                "updated", u.Value, u.FormattedValues.First().MimeType, u.FormattedValues.First().Value, u.ValueId, false, u.Command.GetType().Name),
            CommandFailed f => new FakeKernelEvent("failed", null, null, f.Message, null, f.Exception is not null, f.Command.GetType().Name),
            CommandSucceeded s => new FakeKernelEvent("succeeded", null, null, null, null, false, s.Command.GetType().Name),
            _ => new FakeKernelEvent(e.GetType().Name, null, null, null, null, false, e.Command.GetType().Name),
        }).ToArray();
    }
}
