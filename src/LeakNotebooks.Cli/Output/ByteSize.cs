namespace LeakNotebooks.Cli.Output;

/// <summary>The CLI's name for <see cref="Core.ByteSize"/> (humanized byte counts, DevTools' decimal units).</summary>
internal static class ByteSize
{
    /// <summary>See <see cref="Core.ByteSize.Format"/>.</summary>
    public static string Format(long bytes) => Core.ByteSize.Format(bytes);
}
