using LeakNotebooks.Notebook.Session;

namespace LeakNotebooks.Notebook.Magics;

/// <summary>Everything one invocation of a magic command gets.</summary>
public sealed class MagicContext
{
    /// <summary>Creates the context.</summary>
    public MagicContext(MagicArguments arguments, NotebookSession session, IMagicHost host, MagicCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(host);
        Arguments = arguments;
        Session = session;
        Host = host;
        Catalog = catalog ?? MagicCatalog.Default;
    }

    /// <summary>The parsed parameter values.</summary>
    public MagicArguments Arguments { get; }

    /// <summary>Snapshots, inspector connections and results that live across cells.</summary>
    public NotebookSession Session { get; }

    /// <summary>Display and variables.</summary>
    public IMagicHost Host { get; }

    /// <summary>The catalog the command runs from (for help listings).</summary>
    public MagicCatalog Catalog { get; }
}
