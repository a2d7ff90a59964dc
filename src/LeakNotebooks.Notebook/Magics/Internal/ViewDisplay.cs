namespace LeakNotebooks.Notebook.Magics.Internal;

/// <summary>Shows views built by the Views entry points.</summary>
internal static class ViewDisplay
{
    /// <summary>
    /// Builds and shows a view. While a Views entry point is still a signature (it throws
    /// <see cref="NotImplementedException"/>), the plain-text <paramref name="fallback"/> is shown instead so the
    /// command's results and variables still arrive.
    /// </summary>
    public static IDisplayHandle Show(IMagicHost host, Func<object> create, Func<string> fallback)
    {
        object? view = TryCreate(create);
        return host.Display(view ?? fallback());
    }

    /// <summary>Replaces a shown view with a new one (or the fallback text).</summary>
    public static void Update(IDisplayHandle handle, Func<object> create, Func<string> fallback) =>
        handle.Update(TryCreate(create) ?? fallback());

    private static object? TryCreate(Func<object> create)
    {
        try
        {
            return create();
        }
        catch (NotImplementedException)
        {
            return null;
        }
    }
}
