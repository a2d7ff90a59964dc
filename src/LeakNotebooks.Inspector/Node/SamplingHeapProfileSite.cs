using System.Globalization;

namespace LeakNotebooks.Inspector.Node;

/// <summary>
/// One allocation site of a <see cref="SamplingHeapProfile"/>: a function at a source position, with the sampled
/// bytes it allocated that are still alive. The site with the most live bytes in a leaking process is usually the
/// line that fills the leaking collection, which a heap snapshot only shows as a retainer path.
/// </summary>
/// <param name="FunctionName">The function, <c>(anonymous)</c> for an unnamed one; V8's own pseudo-frames keep their names, such as <c>(V8 API)</c>.</param>
/// <param name="Url">The script's URL or path; empty for V8 internals.</param>
/// <param name="LineNumber">1-based line as editors and DevTools show it (the protocol's is 0-based); 0 when unknown.</param>
/// <param name="ColumnNumber">1-based column; 0 when unknown.</param>
/// <param name="SelfBytes">Live bytes allocated by this function itself, over all the call paths that reach it.</param>
/// <param name="TotalBytes">Live bytes allocated by it and the functions it calls (a recursive call counted once).</param>
/// <param name="Stack">
/// The call path to this site that allocated the most, outermost first, each frame as <c>function url:line:column</c>:
/// which caller drives the allocation (a timer, a request handler).
/// </param>
public sealed record SamplingHeapProfileSite(
    string FunctionName,
    string Url,
    int LineNumber,
    int ColumnNumber,
    long SelfBytes,
    long TotalBytes,
    IReadOnlyList<string> Stack)
{
    /// <summary><c>url:line:column</c>, or the URL alone when the position is unknown, or <c>(native)</c> without a URL.</summary>
    public string Location => Url.Length == 0
        ? "(native)"
        : LineNumber > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{Url}:{LineNumber}:{ColumnNumber}")
            : Url;

    /// <summary><c>function url:line:column</c>.</summary>
    public override string ToString() => FunctionName + " " + Location;
}
