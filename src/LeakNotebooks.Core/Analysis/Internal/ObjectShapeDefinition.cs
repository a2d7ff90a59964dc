namespace LeakNotebooks.Core.Analysis.Internal;

/// <summary>
/// One inferred plain-object shape, DevTools' "interface definition": the class name (<c>{a, b, c}</c>), the raw
/// property names it requires (edge order of the first object that produced it) and how many plain objects
/// produced exactly this name during inference.
/// </summary>
internal sealed record ObjectShapeDefinition(string Name, IReadOnlyList<string> Properties, int Count);
