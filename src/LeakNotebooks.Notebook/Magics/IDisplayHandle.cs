namespace LeakNotebooks.Notebook.Magics;

/// <summary>A shown value that can be replaced in place (a live trend redraws its chart this way).</summary>
public interface IDisplayHandle
{
    /// <summary>Replaces the shown value.</summary>
    void Update(object value);
}
