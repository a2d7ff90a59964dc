namespace LeakNotebooks.Cli;

/// <summary>The process's real stdout and stderr.</summary>
internal sealed class SystemCliConsole : ICliConsole
{
    public TextWriter Out => Console.Out;

    public TextWriter Error => Console.Error;

    public bool IsErrorInteractive => !Console.IsErrorRedirected;

    public int? OutputWidth
    {
        get
        {
            if (Console.IsOutputRedirected)
            {
                return null;
            }
            try
            {
                return Console.WindowWidth > 0 ? Console.WindowWidth : null;
            }
            catch (IOException)
            {
                return null;
            }
        }
    }
}
