using System.Text;

namespace LeakNotebooks.Notebook.Runner.Internal;

/// <summary>
/// Captures what a cell writes to <see cref="Console.Out"/> and <see cref="Console.Error"/>. The console writers are
/// replaced (once, unless other code replaces them in turn) by routers that send text to the capture of the current async flow, or to the original
/// writer when there is none, so runs on other threads (and the CLI's own output) are not mixed in.
/// </summary>
internal sealed class ConsoleCapture
{
    private static readonly AsyncLocal<ConsoleCapture?> s_current = new();
    private static readonly object s_installLock = new();
    private static TextWriter? s_installedOut;
    private static TextWriter? s_installedError;

    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();

    /// <summary>Runs <paramref name="action"/> with its console output going to this capture.</summary>
    public async Task RunAsync(Func<Task> action)
    {
        Install();
        s_current.Value = this;
        try
        {
            await action().ConfigureAwait(false);
        }
        finally
        {
            s_current.Value = null;
        }
    }

    /// <summary>Takes what was written so far: stdout text and stderr text.</summary>
    public (string Out, string Error) Take()
    {
        lock (_out)
        {
            string o = _out.ToString();
            string e = _error.ToString();
            _out.Clear();
            _error.Clear();
            return (o, e);
        }
    }

    private void Append(bool error, string? text)
    {
        if (text is null)
        {
            return;
        }
        lock (_out)
        {
            (error ? _error : _out).Append(text);
        }
    }

    /// <summary>
    /// Puts the routers in place, again when other code (a cell, a host capturing its own output) replaced
    /// <see cref="Console.Out"/> or <see cref="Console.Error"/> since: the new writer becomes the one uncaptured text goes to.
    /// </summary>
    private static void Install()
    {
        lock (s_installLock)
        {
            if (!ReferenceEquals(Console.Out, s_installedOut))
            {
                Console.SetOut(new Router(Console.Out, error: false));
                s_installedOut = Console.Out;
            }
            if (!ReferenceEquals(Console.Error, s_installedError))
            {
                Console.SetError(new Router(Console.Error, error: true));
                s_installedError = Console.Error;
            }
        }
    }

    private sealed class Router(TextWriter original, bool error) : TextWriter
    {
        public override Encoding Encoding => original.Encoding;

        public override IFormatProvider FormatProvider => original.FormatProvider;

        public override string NewLine
        {
#pragma warning disable CS8765 // TextWriter.NewLine's setter accepts null; so does the original's.
            get => original.NewLine;
            set => original.NewLine = value;
#pragma warning restore CS8765
        }

        public override void Write(char value)
        {
            if (s_current.Value is { } capture)
            {
                capture.Append(error, value.ToString());
            }
            else
            {
                original.Write(value);
            }
        }

        public override void Write(string? value)
        {
            if (s_current.Value is { } capture)
            {
                capture.Append(error, value);
            }
            else
            {
                original.Write(value);
            }
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void WriteLine(string? value) => Write(value + NewLine);

        public override void Flush()
        {
            if (s_current.Value is null)
            {
                original.Flush();
            }
        }
    }
}
