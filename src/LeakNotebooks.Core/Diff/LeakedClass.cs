namespace LeakNotebooks.Core.Diff;

/// <summary>
/// One class among leaked objects: how many leaked, their own (shallow) bytes, and the bytes they own: their own
/// size plus what they keep alive that belongs to no other object of a constructed class (their strings, arrays,
/// Buffers, closures). The class owning the most is what a leak is named after.
/// </summary>
/// <param name="ClassName">DevTools' class name.</param>
/// <param name="Count">Leaked objects of the class.</param>
/// <param name="SelfSize">Their shallow sizes, summed.</param>
/// <param name="OwnedSize">Bytes attributed to objects of this class (0 for classes that cannot own: plain objects,
/// arrays, closures, strings, Buffers, V8 internals).</param>
public sealed record LeakedClass(string ClassName, int Count, long SelfSize, long OwnedSize);
