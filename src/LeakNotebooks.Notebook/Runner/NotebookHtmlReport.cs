using System.Globalization;
using System.Net;
using LeakNotebooks.Notebook.Runner.Internal;
using LeakNotebooks.Views.Charts;

namespace LeakNotebooks.Notebook.Runner;

/// <summary>
/// One self-contained HTML page of an executed notebook: Markdown cells rendered, C# cells with their code and
/// outputs, and the run's outcome on top. When an output holds a Plotly chart the page inlines plotly.js, so it
/// opens offline and loads nothing.
/// </summary>
public static class NotebookHtmlReport
{
    private const string Style = """
        body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1f2328;max-width:1100px;margin:24px auto;padding:0 16px}
        header{border-bottom:1px solid #d0d7de;margin-bottom:16px}
        .status{padding:8px 12px;border-radius:6px;margin:8px 0}
        .status.ok{background:#dafbe1}.status.failed{background:#ffebe9}
        .notes{color:#57606a;font-size:13px}
        .cell{margin:12px 0}
        .cell .label{font:12px ui-monospace,monospace;color:#57606a}
        pre{background:#f6f8fa;padding:8px 12px;border-radius:6px;overflow-x:auto;font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace}
        pre.code{border-left:3px solid #0969da}
        pre.stream{background:#fff;border:1px solid #d0d7de}
        pre.stream.stderr{border-color:#d4a72c}
        pre.error{background:#ffebe9;color:#82071e}
        .output{margin:6px 0 6px 16px;overflow-x:auto}
        table{border-collapse:collapse}
        .markdown th,.markdown td{border:1px solid #d0d7de;padding:4px 8px}
        blockquote{margin:0;padding:0 12px;color:#57606a;border-left:3px solid #d0d7de}
        """;

    /// <summary>Writes the page for an executed notebook. <paramref name="result"/> adds the outcome; <paramref name="title"/> heads the page.</summary>
    public static void Write(TextWriter writer, NotebookDocument notebook, NotebookRunResult? result, string title)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentNullException.ThrowIfNull(title);
        bool charts = notebook.Cells.SelectMany(c => c.Outputs).Any(o => o.Data.TryGetValue("text/html", out string? html) && ContainsChart(html));
        writer.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        writer.Write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        writer.Write($"<title>{Encode(title)}</title>\n<style>\n{Style}\n</style>\n");
        if (charts)
        {
            PlotlyScript.WriteInlineScript(writer);
        }
        writer.Write("</head>\n<body>\n<header>\n");
        writer.Write($"<h1>{Encode(title)}</h1>\n");
        if (result is not null)
        {
            string elapsed = result.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            writer.Write(result.Succeeded
                ? $"<div class=\"status ok\">All {notebook.Cells.Count} cells ran in {elapsed} s.</div>\n"
                : $"<div class=\"status failed\">{Encode(result.FailureMessage!)} (after {elapsed} s; the cells after it did not run)</div>\n");
            foreach (string note in result.Notes)
            {
                writer.Write($"<div class=\"notes\">{Encode(note)}</div>\n");
            }
        }
        writer.Write("</header>\n<main>\n");
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            NotebookCell cell = notebook.Cells[i];
            writer.Write($"<section class=\"cell\" id=\"cell-{i + 1}\">\n");
            if (cell.IsMarkdown)
            {
                writer.Write($"<div class=\"markdown\">{MarkdownHtml.Render(cell.Source)}</div>\n</section>\n");
                continue;
            }
            string count = cell.ExecutionCount is int n ? n.ToString(CultureInfo.InvariantCulture) : " ";
            writer.Write($"<div class=\"label\">cell {i + 1} · {Encode(cell.KernelName)} [{count}]</div>\n");
            writer.Write($"<pre class=\"code\">{Encode(cell.Source)}</pre>\n");
            foreach (CellOutput output in cell.Outputs)
            {
                WriteOutput(writer, output);
            }
            writer.Write("</section>\n");
        }
        writer.Write("</main>\n</body>\n</html>\n");
    }

    /// <summary>Writes the page to <paramref name="path"/> through a temporary file and a rename.</summary>
    public static void Save(string path, NotebookDocument notebook, NotebookRunResult? result, string title)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        Write(writer, notebook, result, title);
        AtomicFile.WriteAllText(path, writer.ToString());
    }

    private static void WriteOutput(TextWriter writer, CellOutput output)
    {
        switch (output.Kind)
        {
            case CellOutputKind.Stream:
                writer.Write($"<pre class=\"output stream {Encode(output.StreamName ?? "stdout")}\">{Encode(output.Text ?? string.Empty)}</pre>\n");
                return;
            case CellOutputKind.Error:
                string traceback = output.Traceback.Count > 0 && output.Traceback[0] != output.ErrorValue
                    ? "\n" + string.Join("\n", output.Traceback)
                    : string.Empty;
                writer.Write($"<pre class=\"output error\">{Encode(output.ErrorName ?? "Error")}: {Encode(output.ErrorValue ?? string.Empty)}{Encode(traceback)}</pre>\n");
                return;
        }
        if (output.Data.TryGetValue("text/html", out string? html))
        {
            writer.Write($"<div class=\"output\">{html}</div>\n");
        }
        else if (output.Data.TryGetValue("text/markdown", out string? markdown))
        {
            writer.Write($"<div class=\"output markdown\">{MarkdownHtml.Render(markdown)}</div>\n");
        }
        else if (output.Data.TryGetValue("text/plain", out string? text))
        {
            writer.Write($"<pre class=\"output\">{Encode(text)}</pre>\n");
        }
    }

    private static bool ContainsChart(string html) =>
        html.Contains("leaknb-chart", StringComparison.Ordinal) || html.Contains("Plotly", StringComparison.Ordinal);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
