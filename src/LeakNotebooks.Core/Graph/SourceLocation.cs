namespace LeakNotebooks.Core.Graph;

/// <summary>
/// Where V8 says a closure or an object's constructor was defined (<c>locations</c> section).
/// Line and column are zero-based as V8 writes them.
/// </summary>
public readonly record struct SourceLocation(int ScriptId, int Line, int Column);
