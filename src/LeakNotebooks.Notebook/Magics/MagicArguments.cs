using System.Collections;
using System.Globalization;
using System.Text;
using System.Text.Json;
using LeakNotebooks.Core;

namespace LeakNotebooks.Notebook.Magics;

/// <summary>
/// The parameter values of one magic invocation, from a cell line (runner) or from the values .NET Interactive
/// binds (extension). Both paths end in the same checks (unknown options, missing required values, a switch given a
/// value) and the same typed accessors, so a command behaves the same in every host.
/// </summary>
/// <remarks>
/// Line syntax follows the kernel's directive parser: whitespace separates tokens; a double-quoted value keeps its
/// backslashes verbatim (<c>"C:\temp\x"</c> is <c>C:\temp\x</c>); a JSON array or object (<c>["s1","s2"]</c>) is one
/// token even with spaces inside; <c>--name value</c> sets an option; a switch takes no value; at most one value
/// goes without a name (the command's positional parameter). <c>@csharp:var</c> takes the value of a C# variable.
/// </remarks>
public sealed class MagicArguments
{
    private const string CSharpPrefix = "@csharp:";

    private readonly Dictionary<string, string> _values;

    private MagicArguments(IMagicCommand command, Dictionary<string, string> values)
    {
        Command = command;
        _values = values;
    }

    /// <summary>The command these values are for.</summary>
    public IMagicCommand Command { get; }

    /// <summary>The names (with dashes) of the parameters that were given.</summary>
    public IEnumerable<string> GivenNames => _values.Keys;

    /// <summary>Parses a magic line such as <c>#!heap-load a.heapsnapshot --name s1</c> against the command's parameters.</summary>
    /// <exception cref="MagicCommandException">The line does not fit the command's parameters.</exception>
    public static MagicArguments Parse(IMagicCommand command, string line) => Parse(command, line, host: null);

    /// <summary>
    /// Parses a magic line, resolving <c>@csharp:var</c> values through <paramref name="host"/> (the kernel does that
    /// itself; the runner relies on this).
    /// </summary>
    /// <exception cref="MagicCommandException">The line does not fit the command's parameters, or a variable is missing.</exception>
    public static MagicArguments Parse(IMagicCommand command, string line, IMagicHost? host)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(line);
        List<Token> tokens = Tokenize(command, line);
        if (tokens.Count == 0 || !string.Equals(tokens[0].Text, command.Name, StringComparison.Ordinal))
        {
            throw new MagicCommandException($"{command.Name}: the line does not start with {command.Name}: {line.Trim()}");
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        MagicParameter? positional = command.Parameters.FirstOrDefault(p => p.Positional);
        for (int i = 1; i < tokens.Count; i++)
        {
            Token token = tokens[i];
            if (!token.Quoted && token.Text.StartsWith("--", StringComparison.Ordinal))
            {
                MagicParameter parameter = Find(command, token.Text)
                    ?? throw new MagicCommandException($"{command.Name}: unknown option {token.Text}. {ValidOptions(command)}");
                if (values.ContainsKey(parameter.Name))
                {
                    throw new MagicCommandException($"{command.Name}: {parameter.Name} is given more than once.");
                }
                if (parameter.Flag)
                {
                    values[parameter.Name] = "true";
                    if (i + 1 < tokens.Count && !IsOption(tokens[i + 1]) && (positional is null || values.ContainsKey(positional.Name)))
                    {
                        throw new MagicCommandException(
                            $"{command.Name}: {parameter.Name} is a switch and takes no value, but '{tokens[i + 1].Text}' follows it.");
                    }
                    continue;
                }
                if (i + 1 >= tokens.Count || IsOption(tokens[i + 1]))
                {
                    throw new MagicCommandException($"{command.Name}: {parameter.Name} needs a value ({parameter.Description})");
                }
                values[parameter.Name] = Resolve(command, parameter, tokens[++i], host);
                continue;
            }
            if (positional is null)
            {
                throw new MagicCommandException(
                    $"{command.Name}: unexpected value '{token.Text}'; this command takes only named options. {ValidOptions(command)}");
            }
            if (values.ContainsKey(positional.Name))
            {
                throw new MagicCommandException(
                    $"{command.Name}: one {ValueName(positional)} value is expected, but '{token.Text}' follows '{values[positional.Name]}'"
                    + (positional.List ? $" (give a list as a JSON array [\"a\",\"b\"] or as a,b)." : " (quote a value that has spaces)."));
            }
            values[positional.Name] = Resolve(command, positional, token, host);
        }
        return Complete(command, values);
    }

    /// <summary>
    /// Builds the arguments from values keyed by camelCase parameter name (what .NET Interactive binds:
    /// <c>--max-rows</c> → <c>maxRows</c>); values may be strings, booleans, numbers, string lists or
    /// <c>JsonElement</c>s. Null values count as not given.
    /// </summary>
    /// <exception cref="MagicCommandException">An unknown name, a switch given a non-boolean, or a missing required value.</exception>
    public static MagicArguments FromValues(IMagicCommand command, IReadOnlyDictionary<string, object?> values)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(values);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach ((string key, object? value) in values)
        {
            MagicParameter parameter = command.Parameters.FirstOrDefault(p => string.Equals(ToCamelCase(p.Name), key, StringComparison.OrdinalIgnoreCase))
                ?? Find(command, key)
                ?? throw new MagicCommandException($"{command.Name}: unknown option '{key}'. {ValidOptions(command)}");
            if (value is null || (value is JsonElement { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined }))
            {
                continue;
            }
            string? text = ToText(value);
            if (parameter.Flag)
            {
                if (text is not ("true" or "false" or "True" or "False"))
                {
                    throw new MagicCommandException($"{command.Name}: {parameter.Name} is a switch and takes no value (got '{text}').");
                }
                if (text is "true" or "True")
                {
                    result[parameter.Name] = "true";
                }
                continue;
            }
            if (text is null || text.Length == 0)
            {
                continue;
            }
            result[parameter.Name] = text;
        }
        return Complete(command, result);
    }

    /// <summary>The camelCase key .NET Interactive binds a parameter to: <c>--max-rows</c> → <c>maxRows</c>.</summary>
    public static string ToCamelCase(string parameterName)
    {
        ArgumentNullException.ThrowIfNull(parameterName);
        string[] parts = parameterName.TrimStart('-').Split('-', StringSplitOptions.RemoveEmptyEntries);
        var builder = new StringBuilder(parameterName.Length);
        for (int i = 0; i < parts.Length; i++)
        {
            string part = parts[i];
            builder.Append(i == 0 ? char.ToLowerInvariant(part[0]) : char.ToUpperInvariant(part[0]));
            builder.Append(part, 1, part.Length - 1);
        }
        return builder.ToString();
    }

    /// <summary>True when the parameter was given (a switch: when it is on).</summary>
    public bool Has(string name) => _values.ContainsKey(Check(name).Name);

    /// <summary>The value as given, or null.</summary>
    public string? GetString(string name) => _values.TryGetValue(Check(name).Name, out string? value) ? value : null;

    /// <summary>The value as given, or a clear error naming the parameter.</summary>
    public string GetRequiredString(string name)
    {
        MagicParameter parameter = Check(name);
        return _values.TryGetValue(parameter.Name, out string? value)
            ? value
            : throw new MagicCommandException($"{Command.Name}: {Describe(parameter)} is required ({parameter.Description})");
    }

    /// <summary>The value as a whole number, or <paramref name="defaultValue"/> when not given.</summary>
    public int GetInt32(string name, int defaultValue) => GetInt32(name) ?? defaultValue;

    /// <summary>The value as a whole number, or null when not given.</summary>
    public int? GetInt32(string name)
    {
        MagicParameter parameter = Check(name);
        if (!_values.TryGetValue(parameter.Name, out string? text))
        {
            return null;
        }
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new MagicCommandException($"{Command.Name}: {Describe(parameter)} expects a whole number, not '{text}'.");
    }

    /// <summary>The value as a 64-bit whole number, or null when not given.</summary>
    public long? GetInt64(string name)
    {
        MagicParameter parameter = Check(name);
        if (!_values.TryGetValue(parameter.Name, out string? text))
        {
            return null;
        }
        return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)
            ? value
            : throw new MagicCommandException($"{Command.Name}: {Describe(parameter)} expects a whole number, not '{text}'.");
    }

    /// <summary>The value as a number, or <paramref name="defaultValue"/> when not given.</summary>
    public double GetDouble(string name, double defaultValue)
    {
        MagicParameter parameter = Check(name);
        if (!_values.TryGetValue(parameter.Name, out string? text))
        {
            return defaultValue;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)
            ? value
            : throw new MagicCommandException($"{Command.Name}: {Describe(parameter)} expects a number, not '{text}'.");
    }

    /// <summary>True when the switch is on.</summary>
    public bool GetFlag(string name)
    {
        MagicParameter parameter = Check(name);
        return _values.TryGetValue(parameter.Name, out string? text) && text == "true";
    }

    /// <summary>The value as a list: a JSON array (<c>["s1","s2"]</c>) or comma-separated names (<c>s1,s2</c>); empty when not given.</summary>
    public IReadOnlyList<string> GetList(string name)
    {
        MagicParameter parameter = Check(name);
        if (!_values.TryGetValue(parameter.Name, out string? text))
        {
            return [];
        }
        string trimmed = text.Trim();
        if (trimmed.StartsWith('['))
        {
            try
            {
                using JsonDocument document = JsonDocument.Parse(trimmed);
                var items = new List<string>();
                foreach (JsonElement item in document.RootElement.EnumerateArray())
                {
                    items.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText());
                }
                return items;
            }
            catch (JsonException e)
            {
                throw new MagicCommandException($"{Command.Name}: {Describe(parameter)} is not a valid JSON array: {e.Message}", e);
            }
        }
        return trimmed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>The value as a byte count (<c>1048576</c>, <c>500kB</c>, <c>5MB</c>, <c>1GiB</c>), or null when not given.</summary>
    public long? GetByteSize(string name)
    {
        MagicParameter parameter = Check(name);
        if (!_values.TryGetValue(parameter.Name, out string? text))
        {
            return null;
        }
        return ByteSize.TryParse(text, out long bytes)
            ? bytes
            : throw new MagicCommandException($"{Command.Name}: {Describe(parameter)} expects a size such as 1048576, 500kB or 5MB, not '{text}'.");
    }

    /// <summary>The value as a byte count, or <paramref name="defaultValue"/> when not given.</summary>
    public long GetByteSize(string name, long defaultValue) => GetByteSize(name) ?? defaultValue;

    /// <summary>The line form of these values (<c>#!x a --b c</c>), for messages and the executed notebook.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(Command.Name);
        foreach (MagicParameter parameter in Command.Parameters)
        {
            if (_values.TryGetValue(parameter.Name, out string? value))
            {
                builder.Append(' ').Append(parameter.Name);
                if (!parameter.Flag)
                {
                    builder.Append(' ').Append(value.Contains(' ', StringComparison.Ordinal) && !value.StartsWith('[') ? "\"" + value + "\"" : value);
                }
            }
        }
        return builder.ToString();
    }

    private static MagicArguments Complete(IMagicCommand command, Dictionary<string, string> values)
    {
        foreach (MagicParameter parameter in command.Parameters)
        {
            if (parameter.Required && !values.ContainsKey(parameter.Name))
            {
                throw new MagicCommandException($"{command.Name}: {Describe(parameter)} is required ({parameter.Description})");
            }
        }
        return new MagicArguments(command, values);
    }

    private MagicParameter Check(string name) => Find(Command, name)
        ?? throw new ArgumentException($"{Command.Name} has no parameter {name}.", nameof(name));

    private static MagicParameter? Find(IMagicCommand command, string name)
    {
        foreach (MagicParameter parameter in command.Parameters)
        {
            if (string.Equals(parameter.Name, name, StringComparison.Ordinal)
                || string.Equals(parameter.Name.TrimStart('-'), name.TrimStart('-'), StringComparison.Ordinal))
            {
                return parameter;
            }
        }
        return null;
    }

    private static bool IsOption(Token token) => !token.Quoted && token.Text.StartsWith("--", StringComparison.Ordinal);

    private static string Describe(MagicParameter parameter) =>
        parameter.Positional ? $"{parameter.Name} ({ValueName(parameter)}, may be given without its name)" : parameter.Name;

    private static string ValueName(MagicParameter parameter) => parameter.Name.TrimStart('-').ToUpperInvariant();

    private static string ValidOptions(IMagicCommand command) =>
        command.Parameters.Count == 0
            ? $"{command.Name} takes no options."
            : $"Valid options: {string.Join(", ", command.Parameters.Select(p => p.Name))}.";

    private static string Resolve(IMagicCommand command, MagicParameter parameter, Token token, IMagicHost? host)
    {
        // Only @kernel:name is a reference; @12345 (a heap object id) is text.
        if (token.Quoted || !token.Text.StartsWith('@') || !token.Text.Contains(':', StringComparison.Ordinal))
        {
            return token.Text;
        }
        if (!token.Text.StartsWith(CSharpPrefix, StringComparison.Ordinal))
        {
            throw new MagicCommandException(
                $"{command.Name}: {parameter.Name} {token.Text}: only @csharp:VARIABLE values can be resolved here (quote the value if it is literal text).");
        }
        string variable = token.Text[CSharpPrefix.Length..];
        if (host is null || !host.TryGetVariable(variable, out object? value) || value is null)
        {
            throw new MagicCommandException($"{command.Name}: {parameter.Name} {token.Text}: there is no C# variable '{variable}' with a value.");
        }
        return ToText(value)
            ?? throw new MagicCommandException(
                $"{command.Name}: {parameter.Name} {token.Text}: the variable holds a {value.GetType().Name}, not text, a number or a list of them"
                + " (snapshot parameters take the variable's name without @csharp:).");
    }

    /// <summary>Text for a bound value: strings as they are, numbers invariant, booleans lower case, lists as JSON arrays; null for other objects.</summary>
    private static string? ToText(object value)
    {
        switch (value)
        {
            case string s:
                return s;
            case bool b:
                return b ? "true" : "false";
            case JsonElement element:
                return element.ValueKind switch
                {
                    JsonValueKind.String => element.GetString(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    _ => element.GetRawText(),
                };
            case FileSystemInfo file:
                return file.FullName;
            case IFormattable formattable when value.GetType().IsPrimitive || value is decimal:
                return formattable.ToString(null, CultureInfo.InvariantCulture);
            case IEnumerable items:
                var list = new List<string>();
                foreach (object? item in items)
                {
                    if (item is null || ToText(item) is not { } text || item is IEnumerable and not string)
                    {
                        return null;
                    }
                    list.Add(text);
                }
                return JsonSerializer.Serialize(list);
            default:
                return null;
        }
    }

    private static List<Token> Tokenize(IMagicCommand command, string line)
    {
        var tokens = new List<Token>();
        int i = 0;
        string text = line.Trim();
        while (i < text.Length)
        {
            if (char.IsWhiteSpace(text[i]))
            {
                i++;
                continue;
            }
            if (text[i] == '"')
            {
                int end = text.IndexOf('"', i + 1);
                if (end < 0)
                {
                    throw new MagicCommandException($"{command.Name}: a quoted value is not closed: {text[i..]}");
                }
                tokens.Add(new Token(text[(i + 1)..end], Quoted: true));
                i = end + 1;
                continue;
            }
            if (text[i] is '[' or '{')
            {
                int end = FindJsonEnd(text, i)
                    ?? throw new MagicCommandException($"{command.Name}: a JSON value is not closed: {text[i..]}");
                tokens.Add(new Token(text[i..end], Quoted: false));
                i = end;
                continue;
            }
            int start = i;
            while (i < text.Length && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }
            tokens.Add(new Token(text[start..i], Quoted: false));
        }
        return tokens;
    }

    /// <summary>The index just past the bracket that closes the one at <paramref name="start"/>, skipping JSON strings.</summary>
    private static int? FindJsonEnd(string text, int start)
    {
        int depth = 0;
        bool inString = false;
        for (int i = start; i < text.Length; i++)
        {
            char c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
                continue;
            }
            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '[' or '{':
                    depth++;
                    break;
                case ']' or '}':
                    depth--;
                    if (depth == 0)
                    {
                        return i + 1;
                    }
                    break;
            }
        }
        return null;
    }

    private readonly record struct Token(string Text, bool Quoted);
}
