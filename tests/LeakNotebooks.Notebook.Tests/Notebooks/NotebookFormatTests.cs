using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using LeakNotebooks.Notebook.Magics;
using LeakNotebooks.Notebook.Runner;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Notebook.Tests.Notebooks;

/// <summary>
/// Every notebook in <c>notebooks/</c> is a Polyglot notebook VS Code opens as it is, and what the runner cannot check
/// by running (the package cell for VS Code) is checked here, without running anything.
/// </summary>
public sealed partial class NotebookFormatTests
{
    /// <summary>Kernel names Polyglot Notebooks ships with; a selector outside this list would open as an unknown kernel.</summary>
    private static readonly HashSet<string> s_knownKernels =
        ["csharp", "fsharp", "pwsh", "markdown", "html", "javascript", "sql", "kql", "mermaid", "value", "http"];

    public static TheoryData<string> Notebooks => NotebookFiles.Theory();

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Is_a_polyglot_notebook_with_known_kernels(string notebook)
    {
        string path = NotebookFiles.FullPath(notebook);
        JsonObject kernelInfo = notebook.EndsWith(".dib", StringComparison.Ordinal) ? DibKernelInfo(path) : IpynbKernelInfo(path);

        Assert.Equal("csharp", (string?)kernelInfo["defaultKernelName"]);
        JsonArray items = Assert.IsType<JsonArray>(kernelInfo["items"]);
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonNode? item in items)
        {
            string name = Assert.IsType<string>((string?)item?["name"]);
            Assert.True(s_knownKernels.Contains(name), $"{notebook}: kernel '{name}' is not one Polyglot Notebooks knows");
            declared.Add(name);
            foreach (JsonNode? alias in item!["aliases"] as JsonArray ?? [])
            {
                declared.Add((string)alias!);
            }
        }

        NotebookDocument document = NotebookDocument.Load(path);
        Assert.NotEmpty(document.Cells);
        foreach ((NotebookCell cell, int number) in document.Cells.Select((c, i) => (c, i + 1)))
        {
            Assert.True(cell.IsCSharp || cell.IsMarkdown, $"{notebook} cell {number} is a {cell.KernelName} cell; notebooks here use C# and Markdown");
            Assert.True(declared.Contains(cell.KernelName), $"{notebook} cell {number}: kernel {cell.KernelName} is not declared in the #!meta kernel info");
            Assert.False(string.IsNullOrWhiteSpace(cell.Source), $"{notebook} cell {number} is empty");
        }
        Assert.Contains(document.Cells, c => c.IsMarkdown);
        Assert.Contains(document.Cells, c => c.IsCSharp);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_magic_line_is_a_catalog_command_whose_arguments_parse(string notebook)
    {
        NotebookDocument document = NotebookDocument.Load(NotebookFiles.FullPath(notebook));
        int magicLines = 0;
        foreach ((NotebookCell cell, int number) in document.Cells.Select((c, i) => (c, i + 1)).Where(c => c.c.IsCSharp))
        {
            foreach (string line in cell.Source.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("#!", StringComparison.Ordinal)))
            {
                string name = line.Split(' ', 2)[0];
                Assert.True(
                    MagicCatalog.Default.TryGet(name, out IMagicCommand? command),
                    $"{notebook} cell {number}: {name} is not a LeakNotebooks magic command");
                // @csharp: values get a stand-in, so only the line's shape is checked: options, required values, switches.
                MagicArguments.Parse(command, line, new AnyVariableHost());
                magicLines++;
            }
        }
        Assert.True(magicLines > 0, $"{notebook} uses no magic command");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Has_the_package_cell_for_vs_code_at_the_repository_version(string notebook)
    {
        NotebookDocument document = NotebookDocument.Load(NotebookFiles.FullPath(notebook));
        string version = RepositoryVersion();

        NotebookCell packageCell = Assert.Single(document.Cells, c => c.IsCSharp && c.Source.Contains("#r \"nuget:", StringComparison.Ordinal));
        string[] lines = packageCell.Source.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        Match source = Assert.Single(lines.Select(l => PackageSource().Match(l)), m => m.Success);
        Match reference = Assert.Single(lines.Select(l => PackageReference().Match(l)), m => m.Success);
        Assert.True(Path.IsPathRooted(source.Groups["path"].Value), $"{notebook}: #i needs an absolute folder, not {source.Groups["path"].Value}");
        Assert.True(Array.IndexOf(lines, source.Value) < Array.IndexOf(lines, reference.Value), $"{notebook}: #i must come before #r");
        Assert.Equal(version, reference.Groups["version"].Value);
        // The package cell runs before any magic command in VS Code.
        int packageIndex = document.Cells.IndexOf(packageCell);
        int firstMagic = document.Cells.ToList().FindIndex(c => c.IsCSharp && c.Source.Split('\n').Any(l => l.TrimStart().StartsWith("#!", StringComparison.Ordinal)));
        Assert.True(packageIndex < firstMagic, $"{notebook}: the #r cell (cell {packageIndex + 1}) must come before the first magic command (cell {firstMagic + 1})");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Has_a_parameters_cell_and_ends_with_checks_that_throw(string notebook)
    {
        NotebookDocument document = NotebookDocument.Load(NotebookFiles.FullPath(notebook));
        List<NotebookCell> code = document.Cells.Where(c => c.IsCSharp).ToList();

        Assert.Contains(code, c => c.Source.TrimStart().StartsWith("// parameters", StringComparison.Ordinal));
        NotebookCell last = code[^1];
        Assert.Contains("throw new Exception(", last.Source, StringComparison.Ordinal);
        Assert.Contains("✅", last.Source, StringComparison.Ordinal);
    }

    private static JsonObject DibKernelInfo(string path)
    {
        string[] lines = File.ReadAllText(path).ReplaceLineEndings("\n").Split('\n');
        Assert.Equal("#!meta", lines[0]);
        int end = Array.FindIndex(lines, 1, l => l.StartsWith("#!", StringComparison.Ordinal));
        Assert.True(end > 1, $"{path}: the #!meta block is not followed by a cell");
        JsonNode meta = JsonNode.Parse(string.Join('\n', lines[1..end]))!;
        return Assert.IsType<JsonObject>(meta["kernelInfo"]);
    }

    private static JsonObject IpynbKernelInfo(string path)
    {
        JsonNode notebook = JsonNode.Parse(File.ReadAllText(path))!;
        Assert.Equal(4, (int?)notebook["nbformat"]);
        Assert.StartsWith(".net-", (string?)notebook["metadata"]?["kernelspec"]?["name"], StringComparison.Ordinal);
        return Assert.IsType<JsonObject>(notebook["metadata"]?["polyglot_notebook"]?["kernelInfo"]);
    }

    private static string RepositoryVersion()
    {
        XDocument props = XDocument.Load(Path.Combine(RepoPaths.Root, "Directory.Build.props"));
        return props.Descendants("Version").Single().Value;
    }

    [GeneratedRegex("^#i \"nuget: ?(?<path>[^\"]+)\"$")]
    private static partial Regex PackageSource();

    [GeneratedRegex("^#r \"nuget: ?LeakNotebooks, ?(?<version>[^\"]+)\"$")]
    private static partial Regex PackageReference();

    /// <summary>Answers every <c>@csharp:</c> variable with the same text, so lines parse without a running kernel.</summary>
    private sealed class AnyVariableHost : IMagicHost
    {
        public IDisplayHandle Display(object value) => throw new NotSupportedException();

        public void DisplayMarkdown(string markdown) => throw new NotSupportedException();

        public Task SetVariableAsync(string name, object value, CancellationToken cancellationToken) => throw new NotSupportedException();

        public bool TryGetVariable(string name, out object? value)
        {
            value = "1";
            return true;
        }
    }
}
