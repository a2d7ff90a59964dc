using System.Globalization;
using System.Net;

namespace LeakNotebooks.Views.Tables.Internal;

/// <summary>HTML pieces shared by the table and chain views: encoding and one scoped style sheet.</summary>
internal static class Html
{
    /// <summary>
    /// Every rule is under <c>.lnb-view</c>, so the sheet styles our fragments only, wherever a notebook or report
    /// puts them; colours are translucent so light and dark themes both read.
    /// </summary>
    public const string Style =
        "<style>"
        + ".lnb-view{font:13px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:inherit;margin:4px 0}"
        + ".lnb-view table{border-collapse:collapse;margin:0}"
        + ".lnb-view caption{caption-side:top;text-align:left;font-weight:600;padding:2px 0 6px}"
        + ".lnb-view .lnb-sub{display:block;font-weight:400;opacity:.8}"
        + ".lnb-view th,.lnb-view td{padding:3px 8px;border-bottom:1px solid rgba(127,127,127,.25);text-align:left;vertical-align:top}"
        + ".lnb-view th{font-weight:600;border-bottom:2px solid rgba(127,127,127,.5);white-space:nowrap}"
        + ".lnb-view .lnb-num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}"
        + ".lnb-view td.lnb-bytes{position:relative;min-width:6em}"
        + ".lnb-view .lnb-bar{position:absolute;left:0;top:3px;height:1.3em;background:rgba(78,121,167,.3);border-radius:2px}"
        + ".lnb-view .lnb-bar.lnb-neg{background:rgba(89,161,79,.35)}"
        + ".lnb-view .lnb-v{position:relative}"
        + ".lnb-view tr.lnb-more td{font-style:italic;opacity:.85}"
        + ".lnb-view tfoot td{border-bottom:none;font-size:12px;opacity:.75;padding-top:6px}"
        + ".lnb-view code{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace}"
        + ".lnb-view mark{background:rgba(225,87,89,.25);color:inherit;border-radius:2px}"
        + ".lnb-view ul.lnb-lines{margin:0;padding-left:1.1em}"
        + ".lnb-view td.lnb-path{min-width:26em}"
        + ".lnb-view td.lnb-long{min-width:18em}"
        + ".lnb-view details summary{cursor:pointer}"
        + ".lnb-view .lnb-title{font-weight:600;margin:2px 0 4px}"
        + ".lnb-view ol.lnb-steps{list-style:none;margin:4px 0;padding:0 0 0 2px}"
        + ".lnb-view ol.lnb-steps li{margin:0;padding:1px 0 1px 10px;border-left:2px solid rgba(127,127,127,.45)}"
        + ".lnb-view ol.lnb-steps li.lnb-grow{border-left-color:rgb(225,87,89);background:rgba(225,87,89,.12)}"
        + ".lnb-view .lnb-edge{display:block;opacity:.8;font-size:12px}"
        + ".lnb-view .lnb-kind{opacity:.7;font-size:11px;margin-left:4px}"
        + ".lnb-view .lnb-cls{font-weight:600}"
        + ".lnb-view .lnb-id,.lnb-view .lnb-size{opacity:.75;font-size:12px;margin-left:6px}"
        + ".lnb-view .lnb-name{margin-left:6px}"
        + ".lnb-view .lnb-chain+.lnb-chain{margin-top:10px}"
        + "</style>";

    /// <summary>One line of text, control characters escaped, HTML-encoded (also safe inside attributes).</summary>
    public static string Encode(string text) => WebUtility.HtmlEncode(CellFormat.OneLine(text));

    /// <summary>An exact byte count for a <c>title</c> attribute: <c>12,345 bytes</c>.</summary>
    public static string ExactBytes(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";

    /// <summary>A CSS percentage with at most one decimal.</summary>
    public static string Percent(double value) => value.ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
