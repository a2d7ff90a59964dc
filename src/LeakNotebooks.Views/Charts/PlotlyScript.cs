using System.Reflection;
using System.Text;
using System.Text.Json;

namespace LeakNotebooks.Views.Charts;

/// <summary>
/// The plotly.js bundle embedded in this assembly (npm <c>plotly.js-dist-min</c>, fetched at build time), so reports
/// draw their charts offline; and the CDN address of the same version, which notebook output loads when the page
/// has no plotly.js yet.
/// </summary>
/// <remarks>The bundle is about 4.8 MB of JavaScript; it is read from the assembly on first use and kept.</remarks>
public static class PlotlyScript
{
    private const string ScriptResource = "LeakNotebooks.Views.plotly.min.js";
    private const string PackageResource = "LeakNotebooks.Views.plotly.package.json";

    private static readonly Lazy<string> s_source = new(() => ReadResource(ScriptResource));
    private static readonly Lazy<string> s_version = new(ReadVersion);

    /// <summary>The version of the embedded plotly.js, e.g. <c>4.1.2</c>.</summary>
    public static string Version => s_version.Value;

    /// <summary>Where the same version is published on plotly's CDN: <c>https://cdn.plot.ly/plotly-VERSION.min.js</c>.</summary>
    public static string CdnUrl => $"https://cdn.plot.ly/plotly-{Version}.min.js";

    /// <summary>The minified plotly.js source, as shipped by the npm package.</summary>
    public static string GetMinifiedSource() => s_source.Value;

    /// <summary>
    /// Writes a <c>&lt;script&gt;</c> element holding the whole bundle, for a self-contained HTML page. Any
    /// <c>&lt;/script</c> in the source is written as <c>&lt;\/script</c> so it cannot end the element early.
    /// Charts written after it (<see cref="PlotlyFigure.WriteHtml"/>) find <c>window.Plotly</c> and draw without a network.
    /// </summary>
    public static void WriteInlineScript(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("<script type=\"text/javascript\">/* plotly.js ");
        writer.Write(Version);
        writer.Write(" (MIT), embedded */\n");
        writer.Write(GetMinifiedSource().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase));
        writer.Write("\n</script>\n");
    }

    private static string ReadVersion()
    {
        using JsonDocument package = JsonDocument.Parse(ReadResource(PackageResource));
        if (package.RootElement.TryGetProperty("version", out JsonElement version) && version.GetString() is { Length: > 0 } text)
        {
            return text;
        }
        throw new InvalidOperationException($"The embedded {PackageResource} has no version.");
    }

    private static string ReadResource(string name)
    {
        Assembly assembly = typeof(PlotlyScript).Assembly;
        using Stream stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException(
                $"The resource {name} is missing from {assembly.GetName().Name}: it is embedded at build time from npm plotly.js-dist-min (see LeakNotebooks.Views.csproj).");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
