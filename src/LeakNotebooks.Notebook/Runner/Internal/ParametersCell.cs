using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace LeakNotebooks.Notebook.Runner.Internal;

/// <summary>
/// The parameters convention (as papermill's, and harmless in VS Code): the first C# cell whose first line is
/// <c>// parameters</c> declares the parameters with their defaults; the runner runs it, then sets the given values.
/// </summary>
internal static class ParametersCell
{
    /// <summary>The 0-based index of the parameters cell, or -1.</summary>
    public static int Find(NotebookDocument document)
    {
        for (int i = 0; i < document.Cells.Count; i++)
        {
            NotebookCell cell = document.Cells[i];
            if (cell.IsCSharp)
            {
                string first = cell.Source.Split('\n').FirstOrDefault(l => l.Trim().Length > 0)?.Trim() ?? string.Empty;
                if (first.StartsWith("//", StringComparison.Ordinal)
                    && first[2..].Trim().Equals("parameters", StringComparison.OrdinalIgnoreCase))
                {
                    return i;
                }
            }
        }
        return -1;
    }

    /// <summary>The names of the variables the cell declares at its top level, in order.</summary>
    public static IReadOnlyList<string> DeclaredNames(string source)
    {
        SyntaxTree tree = CSharpSyntaxTree.ParseText(source, CSharpParseOptions.Default.WithKind(SourceCodeKind.Script));
        var names = new List<string>();
        foreach (MemberDeclarationSyntax member in ((CompilationUnitSyntax)tree.GetRoot()).Members)
        {
            VariableDeclarationSyntax? declaration = member switch
            {
                FieldDeclarationSyntax field => field.Declaration,
                GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } => local.Declaration,
                _ => null,
            };
            foreach (VariableDeclaratorSyntax variable in declaration?.Variables ?? default)
            {
                names.Add(variable.Identifier.ValueText);
            }
        }
        return names;
    }

    /// <summary>Converts a parameter's text to the type its variable was declared with.</summary>
    /// <exception cref="NotebookInputException">A type the runner cannot set, or text that is not a value of it.</exception>
    public static object? Convert(string name, string text, Type type)
    {
        Type target = Nullable.GetUnderlyingType(type) ?? type;
        bool ok;
        object? value;
        if (target == typeof(string) || target == typeof(object))
        {
            return text;
        }
        if (target == typeof(int))
        {
            ok = int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v);
            value = v;
        }
        else if (target == typeof(long))
        {
            ok = long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v);
            value = v;
        }
        else if (target == typeof(double))
        {
            ok = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v);
            value = v;
        }
        else if (target == typeof(bool))
        {
            ok = bool.TryParse(text, out bool v);
            value = v;
        }
        else
        {
            throw new NotebookInputException(
                $"parameter {name} is declared as {type.Name}; --param can set string, int, long, double and bool variables");
        }
        return ok ? value : throw new NotebookInputException($"parameter {name} expects {Describe(target)}, not '{text}'");
    }

    private static string Describe(Type type) =>
        type == typeof(bool) ? "true or false" : type == typeof(double) ? "a number" : "a whole number";
}
