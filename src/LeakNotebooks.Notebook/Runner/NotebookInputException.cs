namespace LeakNotebooks.Notebook.Runner;

/// <summary>
/// The notebook or the run's inputs cannot be used as given: a file that is not a notebook, a cell in a language the
/// runner does not run, an unknown or badly typed parameter. Raised before the cells it concerns run.
/// </summary>
public sealed class NotebookInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotebookInputException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
