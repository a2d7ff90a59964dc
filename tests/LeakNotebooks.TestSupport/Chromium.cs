using System.Buffers.Binary;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;

namespace LeakNotebooks.TestSupport;

/// <summary>
/// Headless Chromium for tests of HTML output (charts, reports): renders a page, lets its scripts run, and returns
/// the DOM as serialized after the scripts ran plus a PNG screenshot. Chromium is required, not optional: when it
/// is missing the test fails with a message saying how to install it, never silently skips.
/// </summary>
/// <remarks>
/// Uses Debian's <c>chromium</c> package (<c>/usr/bin/chromium</c>) or the executable named by
/// <c>LEAKNB_CHROMIUM</c>. Each render is one Chromium process with a fresh profile folder, run with
/// <c>--dump-dom</c> and <c>--screenshot</c> under a virtual-time budget (page timers run fast-forward, so a page
/// that draws after a timeout still draws), killed when it outlives the timeout. By default every host name
/// resolves to nothing (localhost excepted), so a page that reaches for the internet fails fast and visibly
/// instead of hanging: tests must inline what they need (plotly.js included).
/// </remarks>
public static class Chromium
{
    /// <summary>The environment variable naming the Chromium executable to use instead of <c>/usr/bin/chromium</c>.</summary>
    public const string EnvironmentVariable = "LEAKNB_CHROMIUM";

    private static readonly Lazy<string> s_path = new(Find);

    /// <summary>The Chromium executable; throws with installation advice when there is none.</summary>
    public static string ExecutablePath => s_path.Value;

    /// <summary>Writes <paramref name="html"/> to a temporary file and renders it (see <see cref="Render"/>).</summary>
    public static Page RenderHtml(string html, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        DirectoryInfo folder = Directory.CreateTempSubdirectory("leaknb-page-");
        try
        {
            string path = Path.Combine(folder.FullName, "page.html");
            File.WriteAllText(path, html, new UTF8Encoding(false));
            return Render(path, options);
        }
        finally
        {
            TryDelete(folder.FullName);
        }
    }

    /// <summary>
    /// Opens <paramref name="htmlPath"/> in headless Chromium, runs its scripts for the virtual-time budget and
    /// returns the resulting DOM and a screenshot of the window.
    /// </summary>
    /// <exception cref="InvalidOperationException">Chromium is missing, failed, or wrote no screenshot.</exception>
    /// <exception cref="TimeoutException">Chromium did not finish within <see cref="RenderOptions.Timeout"/>.</exception>
    public static Page Render(string htmlPath, RenderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(htmlPath);
        options ??= new RenderOptions();
        string fullPath = Path.GetFullPath(htmlPath);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException("The page to render does not exist.", fullPath);
        }
        DirectoryInfo work = Directory.CreateTempSubdirectory("leaknb-chromium-");
        try
        {
            string profile = Path.Combine(work.FullName, "profile");
            string screenshot = Path.Combine(work.FullName, "screenshot.png");
            var psi = new ProcessStartInfo(ExecutablePath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            foreach (string arg in Arguments(options, profile, screenshot))
            {
                psi.ArgumentList.Add(arg);
            }
            psi.ArgumentList.Add(new Uri(fullPath).AbsoluteUri);

            using Process process = Process.Start(psi) ?? throw new InvalidOperationException($"Could not start {ExecutablePath}.");
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(options.Timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(TimeSpan.FromSeconds(10));
                throw new TimeoutException(
                    $"Chromium did not finish rendering {fullPath} within {options.Timeout.TotalSeconds:0} s. stderr:\n{Tail(stderr)}");
            }
            process.WaitForExit();
            string dom = stdout.Result;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(
                    $"Chromium exited with {process.ExitCode} rendering {fullPath}. stderr:\n{Tail(stderr)}");
            }
            if (!File.Exists(screenshot))
            {
                throw new InvalidOperationException($"Chromium wrote no screenshot for {fullPath}. stderr:\n{Tail(stderr)}");
            }
            if (dom.Length == 0)
            {
                throw new InvalidOperationException($"Chromium dumped an empty DOM for {fullPath}. stderr:\n{Tail(stderr)}");
            }
            return new Page(dom, File.ReadAllBytes(screenshot));
        }
        finally
        {
            TryDelete(work.FullName);
        }
    }

    private static IEnumerable<string> Arguments(RenderOptions options, string profile, string screenshot)
    {
        yield return "--headless";
        yield return "--no-sandbox";
        yield return "--disable-gpu";
        yield return "--disable-quic";
        yield return "--no-first-run";
        yield return "--no-default-browser-check";
        yield return "--disable-background-networking";
        yield return "--disable-component-update";
        yield return "--disable-sync";
        yield return "--disable-extensions";
        yield return "--hide-scrollbars";
        yield return "--force-device-scale-factor=1";
        yield return "--user-data-dir=" + profile;
        if (options.BlockNetwork)
        {
            yield return "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost";
        }
        yield return $"--window-size={options.Width},{options.Height}";
        yield return $"--virtual-time-budget={(long)options.VirtualTimeBudget.TotalMilliseconds}";
        yield return "--run-all-compositor-stages-before-draw";
        yield return "--screenshot=" + screenshot;
        yield return "--dump-dom";
    }

    private static string Tail(Task<string> stderr)
    {
        string text = stderr.Wait(TimeSpan.FromSeconds(5)) ? stderr.Result : "(stderr not available)";
        // Chromium logs D-Bus noise on machines without a session bus; keep what could explain a failure.
        string[] lines = text.Split('\n').Where(l => l.Length > 0 && !l.Contains("dbus", StringComparison.OrdinalIgnoreCase)).ToArray();
        return string.Join('\n', lines.TakeLast(20));
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Chromium's helpers can hold the profile a moment after exit; a leftover temp folder is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string Find()
    {
        string? configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (File.Exists(configured))
            {
                return configured;
            }
            throw new InvalidOperationException(
                $"{EnvironmentVariable} names '{configured}', which does not exist. Point it at a Chromium executable or unset it to use /usr/bin/chromium.");
        }
        const string Debian = "/usr/bin/chromium";
        if (File.Exists(Debian))
        {
            return Debian;
        }
        throw new InvalidOperationException(
            "Headless Chromium is required for the chart and report tests, but /usr/bin/chromium does not exist. "
            + "Install Debian's package (sudo apt-get update && sudo apt-get install -y chromium; .ci/run does this), "
            + $"or set {EnvironmentVariable} to a Chromium executable.");
    }

    /// <summary>How <see cref="Render"/> renders.</summary>
    public sealed record RenderOptions
    {
        /// <summary>Window width in CSS pixels (device scale 1). 1200 by default.</summary>
        public int Width { get; init; } = 1200;

        /// <summary>Window height in CSS pixels; the screenshot covers the window. 900 by default.</summary>
        public int Height { get; init; } = 900;

        /// <summary>Virtual time the page's scripts and timers get before the DOM and screenshot are taken. 5 s by default.</summary>
        public TimeSpan VirtualTimeBudget { get; init; } = TimeSpan.FromSeconds(5);

        /// <summary>Wall-clock limit for the whole Chromium run. 180 s by default (generous: a loaded CI machine is slow to start Chromium).</summary>
        public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(180);

        /// <summary>Resolve every host but localhost to nothing, so no request leaves the machine. True by default.</summary>
        public bool BlockNetwork { get; init; } = true;
    }

    /// <summary>What a render produced.</summary>
    /// <param name="Dom">The document serialized after its scripts ran (<c>--dump-dom</c>).</param>
    /// <param name="Png">The screenshot, a PNG file's bytes.</param>
    public sealed record Page(string Dom, byte[] Png)
    {
        /// <summary>The screenshot decoded.</summary>
        public PngImage Screenshot => PngImage.Decode(Png);

        /// <summary>Saves the screenshot, e.g. for a person to look at.</summary>
        public void SaveScreenshot(string path) => File.WriteAllBytes(path, Png);
    }

    /// <summary>
    /// A decoded 8-bit, non-interlaced PNG (what Chromium writes), enough to check a screenshot is a real image
    /// with something drawn on it.
    /// </summary>
    public sealed class PngImage
    {
        private static readonly byte[] s_signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

        private readonly byte[] _pixels;
        private readonly int _channels;

        private PngImage(int width, int height, int colorType, int channels, byte[] pixels)
        {
            Width = width;
            Height = height;
            ColorType = colorType;
            _channels = channels;
            _pixels = pixels;
        }

        /// <summary>Width in pixels, from IHDR.</summary>
        public int Width { get; }

        /// <summary>Height in pixels, from IHDR.</summary>
        public int Height { get; }

        /// <summary>PNG colour type from IHDR: 0 grey, 2 RGB, 4 grey + alpha, 6 RGBA.</summary>
        public int ColorType { get; }

        /// <summary>The pixel's colour as RGBA (grey expanded, alpha 255 when the image has none).</summary>
        public (byte R, byte G, byte B, byte A) GetPixel(int x, int y)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(x);
            ArgumentOutOfRangeException.ThrowIfNegative(y);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(x, Width);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(y, Height);
            int i = (y * Width + x) * _channels;
            return _channels switch
            {
                1 => (_pixels[i], _pixels[i], _pixels[i], 255),
                2 => (_pixels[i], _pixels[i], _pixels[i], _pixels[i + 1]),
                3 => (_pixels[i], _pixels[i + 1], _pixels[i + 2], 255),
                _ => (_pixels[i], _pixels[i + 1], _pixels[i + 2], _pixels[i + 3]),
            };
        }

        /// <summary>Pixels whose colour differs from white by more than <paramref name="tolerance"/> in some channel.</summary>
        public int CountNonWhitePixels(int tolerance = 8)
        {
            int count = 0;
            for (int y = 0; y < Height; y++)
            {
                for (int x = 0; x < Width; x++)
                {
                    (byte r, byte g, byte b, _) = GetPixel(x, y);
                    if (255 - r > tolerance || 255 - g > tolerance || 255 - b > tolerance)
                    {
                        count++;
                    }
                }
            }
            return count;
        }

        /// <summary>How many different RGB colours the image has (a blank page has one).</summary>
        public int CountColors()
        {
            var colors = new HashSet<int>();
            for (int y = 0; y < Height; y++)
            {
                for (int x = 0; x < Width; x++)
                {
                    (byte r, byte g, byte b, _) = GetPixel(x, y);
                    colors.Add((r << 16) | (g << 8) | b);
                }
            }
            return colors.Count;
        }

        /// <summary>Decodes <paramref name="png"/>; throws <see cref="InvalidDataException"/> for anything that is not a PNG this class reads.</summary>
        public static PngImage Decode(byte[] png)
        {
            ArgumentNullException.ThrowIfNull(png);
            if (png.Length < 8 + 25 || !png.AsSpan(0, 8).SequenceEqual(s_signature))
            {
                throw new InvalidDataException("Not a PNG: the signature is missing.");
            }
            int offset = 8;
            int width = 0, height = 0, colorType = -1;
            using var idat = new MemoryStream();
            bool first = true, ended = false;
            while (offset + 12 <= png.Length && !ended)
            {
                int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
                string type = Encoding.ASCII.GetString(png, offset + 4, 4);
                if (length < 0 || offset + 12 + length > png.Length)
                {
                    throw new InvalidDataException($"PNG chunk {type} at byte {offset} runs past the end of the file.");
                }
                ReadOnlySpan<byte> data = png.AsSpan(offset + 8, length);
                if (first && type != "IHDR")
                {
                    throw new InvalidDataException($"PNG starts with chunk {type}, not IHDR.");
                }
                switch (type)
                {
                    case "IHDR":
                        width = BinaryPrimitives.ReadInt32BigEndian(data);
                        height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                        int bitDepth = data[8];
                        colorType = data[9];
                        int interlace = data[12];
                        if (width <= 0 || height <= 0)
                        {
                            throw new InvalidDataException($"PNG IHDR has size {width}x{height}.");
                        }
                        if (bitDepth != 8 || interlace != 0 || colorType is not (0 or 2 or 4 or 6))
                        {
                            throw new InvalidDataException($"Unsupported PNG: bit depth {bitDepth}, colour type {colorType}, interlace {interlace}.");
                        }
                        break;
                    case "IDAT":
                        idat.Write(data);
                        break;
                    case "IEND":
                        ended = true;
                        break;
                }
                first = false;
                offset += 12 + length;
            }
            if (!ended)
            {
                throw new InvalidDataException("PNG has no IEND chunk: the file is cut short.");
            }
            int channels = colorType switch { 0 => 1, 2 => 3, 4 => 2, _ => 4 };
            int stride = width * channels;
            byte[] raw = Inflate(idat.ToArray(), (stride + 1) * height);
            return new PngImage(width, height, colorType, channels, Unfilter(raw, width, height, channels));
        }

        private static byte[] Inflate(byte[] compressed, int expected)
        {
            using var input = new ZLibStream(new MemoryStream(compressed), CompressionMode.Decompress);
            byte[] raw = new byte[expected];
            int read = 0;
            while (read < expected)
            {
                int n = input.Read(raw, read, expected - read);
                if (n == 0)
                {
                    throw new InvalidDataException($"PNG image data holds {read} bytes, {expected} expected.");
                }
                read += n;
            }
            return raw;
        }

        private static byte[] Unfilter(byte[] raw, int width, int height, int bpp)
        {
            int stride = width * bpp;
            byte[] pixels = new byte[stride * height];
            for (int y = 0; y < height; y++)
            {
                int filter = raw[y * (stride + 1)];
                int src = y * (stride + 1) + 1;
                int row = y * stride;
                int prev = row - stride;
                for (int i = 0; i < stride; i++)
                {
                    int a = i >= bpp ? pixels[row + i - bpp] : 0;
                    int b = y > 0 ? pixels[prev + i] : 0;
                    int c = i >= bpp && y > 0 ? pixels[prev + i - bpp] : 0;
                    int predictor = filter switch
                    {
                        0 => 0,
                        1 => a,
                        2 => b,
                        3 => (a + b) / 2,
                        4 => Paeth(a, b, c),
                        _ => throw new InvalidDataException($"PNG row {y} has unknown filter {filter}."),
                    };
                    pixels[row + i] = (byte)(raw[src + i] + predictor);
                }
            }
            return pixels;
        }

        private static int Paeth(int a, int b, int c)
        {
            int p = a + b - c;
            int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
            return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
        }
    }
}
