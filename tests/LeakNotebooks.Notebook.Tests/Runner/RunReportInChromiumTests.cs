using System.Text.RegularExpressions;
using LeakNotebooks.Core.Graph;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.Notebook.Runner;
using LeakNotebooks.Notebook.Runner.Internal;
using LeakNotebooks.TestSupport;
using LeakNotebooks.Views.Charts;

namespace LeakNotebooks.Notebook.Tests.Runner;

public sealed partial class RunReportInChromiumTests
{
    [Fact]
    public void The_run_report_draws_its_chart_offline()
    {
        // A chart displayed by a cell, formatted as the runner formats display(...) values.
        HeapGraph graph = HeapSnapshotReader.Load(RepoPaths.Sample("listener-leak", "baseline.heapsnapshot.gz"));
        PlotlyFigure chart = HeapCharts.TopRetainedClasses(graph.Analysis, top: 8);
        var document = new NotebookDocument();
        document.Cells.Add(new NotebookCell("markdown", "# Top classes\n\nThe **largest** retainers."));
        var cell = new NotebookCell("csharp", "display(HeapCharts.TopRetainedClasses(s1.Analysis, top: 8));") { ExecutionCount = 1 };
        cell.Outputs.Add(CellOutput.Display(OutputFormatter.Format(chart, [])));
        document.Cells.Add(cell);
        using var folder = new TempFolder();
        string path = folder.File("run.html");
        NotebookHtmlReport.Save(path, document, result: null, "Chart run");

        // The network is blocked: the chart can only draw with the inlined plotly.js.
        Chromium.Page page = Chromium.Render(path, new Chromium.RenderOptions { Width = 1000, Height = 900 });

        Assert.Contains("<strong>largest</strong>", page.Dom, StringComparison.Ordinal);
        Match plot = PlotDiv().Match(page.Dom);
        Assert.True(plot.Success, "no div was drawn into by plotly");
        string drawn = page.Dom[plot.Index..];
        Assert.Contains("class=\"main-svg\"", drawn, StringComparison.Ordinal);
        Assert.True(Regex.Count(drawn, "<path ") >= 3, "the chart has no bars");
        Assert.True(page.Screenshot.CountNonWhitePixels() > 5_000, "the page looks blank");
    }

    [GeneratedRegex("class=\"[^\"]*js-plotly-plot[^\"]*\"")]
    private static partial Regex PlotDiv();
}
