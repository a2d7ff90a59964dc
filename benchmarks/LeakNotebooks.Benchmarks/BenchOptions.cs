using System.Globalization;

namespace LeakNotebooks.Benchmarks;

/// <summary>Command line of the benchmark (see <see cref="Usage"/>).</summary>
internal sealed class BenchOptions
{
    public const string Usage = """
        usage: LeakNotebooks.Benchmarks FILE.heapsnapshot[.gz] [options]

        Times our full analysis of one snapshot: parse, HeapAnalysis.Build (retainers, dominators,
        retained sizes, distances, class names), the Summary view, one retainer path to the biggest
        instance of the top Summary class, and the top 10 objects. Prints one JSON line on stdout.

          --repeat N        run N times in this process and report the run with the median total
          --phases          print a phase timeline to stderr (parse sections, analysis steps per
                            thread, RSS and GC heap after each phase)
          --breakdown       after the timed run, re-run the analysis steps one at a time on one thread
                            (via reflection over Core internals) and print time and allocations of each
                            step to stderr; for profiling only
          --compare GOLDEN  print DevToolsComparison of the analysis against a DevTools golden file
                            (oracle output, .json or .json.gz) before the JSON line

        Capture benchmark modes (issue 4; see CaptureBench.Usage, or run with --capture alone):
               LeakNotebooks.Benchmarks --capture WS_URL --dir DIR [--rounds N] [--mode both|ours|in-process]
               LeakNotebooks.Benchmarks --load-graph FILE
        """;

    public required string File { get; init; }

    public int Repeat { get; init; } = 1;

    public bool Phases { get; init; }

    public bool Breakdown { get; init; }

    public string? Compare { get; init; }

    public static BenchOptions Parse(string[] args)
    {
        string? file = null;
        int repeat = 1;
        bool phases = false;
        bool breakdown = false;
        string? compare = null;
        for (int i = 0; i < args.Length; i++)
        {
            string a = args[i];
            switch (a)
            {
                case "--repeat":
                    if (!int.TryParse(Next(), NumberStyles.None, CultureInfo.InvariantCulture, out repeat) || repeat < 1)
                    {
                        throw new ArgumentException("--repeat needs a positive integer");
                    }
                    break;
                case "--phases":
                    phases = true;
                    break;
                case "--breakdown":
                    breakdown = true;
                    break;
                case "--compare":
                    compare = Next();
                    break;
                case "-h" or "--help":
                    throw new ArgumentException("");
                default:
                    if (a.StartsWith("--", StringComparison.Ordinal))
                    {
                        throw new ArgumentException($"unknown option {a}");
                    }
                    if (file is not null)
                    {
                        throw new ArgumentException($"more than one snapshot file given ({file}, {a})");
                    }
                    file = a;
                    break;
            }

            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{a} needs a value");
        }
        if (file is null)
        {
            throw new ArgumentException("no snapshot file given");
        }
        return new BenchOptions { File = file, Repeat = repeat, Phases = phases, Breakdown = breakdown, Compare = compare };
    }
}
