using LeakNotebooks.Core.Analysis;

namespace LeakNotebooks.Views.Reports.Internal;

/// <summary>What the header says about one snapshot of the series.</summary>
internal sealed record SnapshotInfo(string Role, string Source, long? FileSize, int NodeCount, int EdgeCount, long TotalSize)
{
    public static SnapshotInfo Of(string role, HeapAnalysis analysis)
    {
        string source = analysis.Graph.Source;
        long? fileSize = null;
        try
        {
            if (source.Length > 0 && File.Exists(source))
            {
                fileSize = new FileInfo(source).Length;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // A source that is not a readable file (a live capture's label) has no file size to show.
        }
        return new SnapshotInfo(role, source, fileSize, analysis.Graph.NodeCount, analysis.Graph.EdgeCount, analysis.TotalSize);
    }
}
