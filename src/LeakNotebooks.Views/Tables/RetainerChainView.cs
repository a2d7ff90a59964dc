using System.Collections;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LeakNotebooks.Views.Formatting;
using LeakNotebooks.Views.Tables.Internal;

namespace LeakNotebooks.Views.Tables;

/// <summary>
/// Retainer paths drawn one under another as chains (see <see cref="RetainerChain"/>): the answer to "what keeps
/// these objects alive". Chains beyond <see cref="DisplayLimit"/> are counted in a last line; JSON holds them all.
/// </summary>
[TypeFormatterSource(typeof(ViewFormatterSource))]
public sealed class RetainerChainView : IView, IReadOnlyList<RetainerChain>
{
    private readonly RetainerChain[] _chains;

    /// <summary>Shows <paramref name="chains"/> under <paramref name="title"/>.</summary>
    public RetainerChainView(IEnumerable<RetainerChain> chains, string? title = null, ViewOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(chains);
        _chains = [.. chains];
        Title = title;
        DisplayLimit = (options ?? ViewOptions.Default).MaxRows;
    }

    /// <summary>The heading, or null.</summary>
    public string? Title { get; }

    /// <summary>Chains drawn in HTML and text; the rest are counted.</summary>
    public int DisplayLimit { get; }

    /// <inheritdoc/>
    public int Count => _chains.Length;

    /// <inheritdoc/>
    public RetainerChain this[int index] => _chains[index];

    /// <inheritdoc/>
    public IEnumerator<RetainerChain> GetEnumerator() => ((IEnumerable<RetainerChain>)_chains).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public void WriteHtml(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("<div class=\"lnb-view lnb-chains\">");
        writer.Write(Html.Style);
        if (Title is not null)
        {
            writer.Write($"<div class=\"lnb-title\">{Html.Encode(Title)}</div>");
        }
        int shown = Math.Min(DisplayLimit, _chains.Length);
        for (int i = 0; i < shown; i++)
        {
            RetainerChain chain = _chains[i];
            writer.Write("<div class=\"lnb-chain\">");
            if (chain.Title is not null)
            {
                writer.Write($"<div class=\"lnb-title\">{Html.Encode(chain.Title)}</div>");
            }
            writer.Write("<div>");
            chain.WriteCompactHtml(writer);
            writer.Write("</div>");
            chain.WriteStepsHtml(writer);
            writer.Write("</div>");
        }
        writer.Write("<div class=\"lnb-sub\">");
        writer.Write(Html.Encode(Footer(shown)));
        writer.Write("</div></div>");
    }

    /// <inheritdoc/>
    public void WriteText(TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (Title is not null)
        {
            writer.WriteLine(CellFormat.OneLine(Title));
        }
        int shown = Math.Min(DisplayLimit, _chains.Length);
        for (int i = 0; i < shown; i++)
        {
            writer.WriteLine();
            _chains[i].WriteText(writer);
        }
        writer.WriteLine();
        writer.WriteLine(Footer(shown));
    }


    /// <summary>The text rendering.</summary>
    public override string ToString() => this.ToText();

    /// <summary>Every chain as JSON: <c>{"title", "pathCount", "paths": [{compact, length, targetId, growthStart, growthEnd, steps}]}</c>.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        WriteJson(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="stream"/> as UTF-8.</summary>
    public void WriteJson(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("title", Title);
        json.WriteNumber("pathCount", _chains.Length);
        json.WriteStartArray("paths");
        foreach (RetainerChain chain in _chains)
        {
            chain.WriteJson(json);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Saves <see cref="ToJson"/> to <paramref name="path"/>: written to a temporary file beside it, then renamed.</summary>
    public void SaveJson(string path) => AtomicFile.Write(path, WriteJson);

    private string Footer(int shown)
    {
        string paths = _chains.Length == 1 ? "path" : "paths";
        return shown < _chains.Length
            ? $"showing {CellFormat.Count(shown)} of {CellFormat.Count(_chains.Length)} {paths} (… {CellFormat.Count(_chains.Length - shown)} more)"
            : _chains.Length == 0
                ? "No retainer path: nothing reachable from the roots holds these objects."
                : $"{CellFormat.Count(_chains.Length)} {paths}";
    }
}
