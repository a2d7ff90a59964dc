namespace LeakNotebooks.Cli;

/// <summary>
/// Where a verb writes. Every line of output goes through this seam, so tests run verbs in-process and read
/// stdout and stderr line by line, and the terminal checks (progress bars, table width) live in one place.
/// </summary>
internal interface ICliConsole
{
    /// <summary>Results: tables, paths, JSON.</summary>
    TextWriter Out { get; }

    /// <summary>Errors (one line each) and progress bars.</summary>
    TextWriter Error { get; }

    /// <summary>Whether stderr is a terminal someone watches, so drawing progress bars there is worth it.</summary>
    bool IsErrorInteractive { get; }

    /// <summary>Width of the terminal stdout goes to, or null when it goes to a pipe or a file (tables then never wrap).</summary>
    int? OutputWidth { get; }
}
