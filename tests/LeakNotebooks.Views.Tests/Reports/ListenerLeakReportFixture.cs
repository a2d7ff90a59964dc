using LeakNotebooks.Views.Reports;

namespace LeakNotebooks.Views.Tests.Reports;

/// <summary>The listener-leak series and its report, built once for the report tests, also saved to a file for Chromium.</summary>
public sealed class ListenerLeakReportFixture : IDisposable
{
    public ListenerLeakReportFixture()
    {
        Series = SnapshotSeries.Load("listener-leak");
        Report = LeakReport.Build(Series.Baseline, Series.Target, Series.Suspects, new LeakReportOptions { Title = "Listener leak <check>" });
        Html = Report.ToHtml();
        Folder = Directory.CreateTempSubdirectory("leaknb-report-").FullName;
        FilePath = Report.Save(Path.Combine(Folder, "report.html"));
    }

    public SnapshotSeries Series { get; }

    public LeakReport Report { get; }

    public string Html { get; }

    public string Folder { get; }

    public string FilePath { get; }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
