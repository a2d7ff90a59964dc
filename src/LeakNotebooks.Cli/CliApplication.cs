using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using LeakNotebooks.Cli.Commands;
using LeakNotebooks.Core.Diff;
using LeakNotebooks.Core.Parsing;
using LeakNotebooks.Inspector.Cdp;
using LeakNotebooks.Inspector.Node;

namespace LeakNotebooks.Cli;

/// <summary>
/// Assembles the verbs and runs one command line against an <see cref="ICliConsole"/>. Also the one place that
/// turns failures into a single <c>leaknb: error: …</c> line and an exit code (never a stack trace).
/// </summary>
internal static class CliApplication
{
    public const string ToolName = "leaknb";

    public static RootCommand CreateRootCommand(ICliConsole console) =>
        new("leaknb: find memory leaks in Node.js services from V8 heap snapshots (.heapsnapshot or .heapsnapshot.gz). "
            + "Numbers agree with Chrome DevTools' Memory panel.")
        {
            SummaryCommand.Create(console),
            TopCommand.Create(console),
            RetainersCommand.Create(console),
            DiffCommand.Create(console),
            DemoCommand.Create(console),
            FindLeaksCommand.Create(console),
            ReportCommand.Create(console),
            GrowthCommand.Create(console),
            PsCommand.Create(console),
            CaptureCommand.Create(console),
            WatchCommand.Create(console),
            ThreeSnapshotCommand.Create(console),
            RunCommand.Create(console),
        };

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code (see <see cref="ExitCodes"/>).</summary>
    public static async Task<int> RunAsync(string[] args, ICliConsole console, CancellationToken cancellationToken)
    {
        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            // Program.Main owns Ctrl+C; the token it cancels reaches every verb.
            ProcessTerminationTimeout = null,
        };
        try
        {
            RootCommand root = CreateRootCommand(console);
            // No response files: "@12345" is how DevTools writes a heap object id, and --id must accept it.
            ParseResult parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
            if (parseResult.Action is ParseErrorAction)
            {
                return UsageError(console, parseResult);
            }
            return await parseResult.InvokeAsync(configuration, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            console.Error.WriteLine($"{ToolName}: cancelled");
            return ExitCodes.Cancelled;
        }
        catch (CliException e)
        {
            return Fail(console, e.Message, e.ExitCode);
        }
        catch (HeapSnapshotFormatException e)
        {
            return Fail(console, e.Message, ExitCodes.BadInput);
        }
        catch (SnapshotMismatchException e)
        {
            return Fail(console, e.Message, ExitCodes.BadInput);
        }
        catch (Exception e) when (e is CdpConnectionClosedException or CdpTimeoutException)
        {
            // The target was found and then died or stopped answering: not the command line's fault.
            return Fail(console, e.Message, ExitCodes.Failure);
        }
        catch (Exception e) when (e is CdpException or NodeInspectorException or PlatformNotSupportedException)
        {
            // A target that cannot be reached as named: wrong URL or port, no such pid, not a Node process.
            return Fail(console, e.Message, ExitCodes.BadInput);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException)
        {
            return Fail(console, e.Message, ExitCodes.BadInput);
        }
        catch (OutOfMemoryException)
        {
            return Fail(console, "out of memory while loading or analysing the snapshot", ExitCodes.Failure);
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("LEAKNB_DEBUG") is not { Length: > 0 })
        {
            return Fail(console, $"unexpected {e.GetType().Name}: {e.Message} (set LEAKNB_DEBUG=1 to see where)", ExitCodes.Failure);
        }
    }

    /// <summary>One line for a command line that does not parse: the most specific error, and where the help is.</summary>
    private static int UsageError(ICliConsole console, ParseResult parseResult)
    {
        string verb = parseResult.CommandResult.Command is RootCommand ? ToolName : $"{ToolName} {parseResult.CommandResult.Command.Name}";
        // "Required command was not provided" is also reported next to an unknown verb; the unknown verb says more.
        ParseError? error = parseResult.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal))
            ?? parseResult.Errors.FirstOrDefault();
        string message = error?.Message ?? "invalid command line";
        return Fail(console, $"{message.TrimEnd('.')} (see '{verb} --help')", ExitCodes.BadInput);
    }

    private static int Fail(ICliConsole console, string message, int exitCode)
    {
        console.Error.WriteLine($"{ToolName}: error: {OneLine(message)}");
        return exitCode;
    }

    private static string OneLine(string message) => string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
}
