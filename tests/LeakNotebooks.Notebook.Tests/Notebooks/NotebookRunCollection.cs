namespace LeakNotebooks.Notebook.Tests.Notebooks;

/// <summary>
/// Notebook runs go one at a time, with no other test of this assembly beside them: they start Node services, load
/// a dozen snapshots, and one of them reads this very process's GC heap counters, which other tests would disturb.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NotebookRunCollection
{
    public const string Name = "Notebook runs";
}
