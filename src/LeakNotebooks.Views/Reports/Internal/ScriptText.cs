namespace LeakNotebooks.Views.Reports.Internal;

/// <summary>Script text inlined into the report.</summary>
internal static class ScriptText
{
    /// <summary>
    /// JavaScript source made safe inside a &lt;script&gt; element: <c>&lt;/script</c> cannot end it early and
    /// <c>&lt;!--</c> cannot switch the HTML parser into its escaped script state. Both only occur inside string,
    /// regular-expression or template literals, where <c>&lt;\/</c> and <c>\x21</c> mean the same characters.
    /// </summary>
    public static string ScriptSafe(string source) =>
        source.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)
            .Replace("<!--", "<\\x21--", StringComparison.Ordinal);
}
