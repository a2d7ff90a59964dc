using System.Text.Json;
using System.Text.RegularExpressions;
using LeakNotebooks.Notebook.Magics;

namespace LeakNotebooks.Notebook.Tests.Extension;

/// <summary>extension.dib as a Polyglot Notebooks document, and its one-class-per-command table against the catalog.</summary>
public sealed partial class ExtensionDocumentTests
{
    private static readonly DibDocument s_document = DibDocument.Parse(File.ReadAllText(ExtensionScript.SourcePath));

    [Fact]
    public void The_meta_block_is_kernel_info_with_csharp_as_the_default_kernel()
    {
        JsonElement kernelInfo = s_document.Metadata!.Value.GetProperty("kernelInfo");
        Assert.Equal("csharp", kernelInfo.GetProperty("defaultKernelName").GetString());
        JsonElement csharp = Assert.Single(kernelInfo.GetProperty("items").EnumerateArray());
        Assert.Equal("csharp", csharp.GetProperty("name").GetString());
        Assert.Equal("C#", csharp.GetProperty("languageName").GetString());
    }

    [Fact]
    public void Every_cell_is_csharp_and_none_restores_packages_itself()
    {
        Assert.NotEmpty(s_document.Cells);
        Assert.All(s_document.Cells, c => Assert.Equal("csharp", c.KernelName));
        // The package's lib/ is referenced by the restore that runs the extension; a #r or #i here would restore again,
        // and a magic line would run before the directives exist.
        Assert.DoesNotContain(s_document.CSharpCells.SelectMany(c => c.Split('\n')), l => Regex.IsMatch(l, @"^\s*(#(r|i)\s+\""|#!)"));
    }

    [Fact]
    public void Every_catalog_command_has_its_own_command_class_and_registration()
    {
        string code = string.Join("\n", s_document.CSharpCells);
        var classes = CommandClass().Matches(code).Select(m => m.Groups[1].Value).ToList();
        var registrations = Registration().Matches(code).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

        Assert.Equal(classes.Count, classes.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(MagicCatalog.Default.Commands.Select(c => c.Name).Order(StringComparer.Ordinal), registrations.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(registrations.Count, registrations.Values.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(classes.Order(StringComparer.Ordinal), registrations.Values.Order(StringComparer.Ordinal));
    }

    [GeneratedRegex(@"public sealed class (LeakNb\w+) : LeakNbDirectiveCommand")]
    private static partial Regex CommandClass();

    [GeneratedRegex(@"\[""(#![a-z-]+)""\] = Register<(LeakNb\w+)>")]
    private static partial Regex Registration();
}
