namespace LeakNotebooks.Core.Analysis;

/// <summary>
/// One row of the Summary view: all objects of one class (as DevTools names classes).
/// </summary>
/// <param name="ClassName">DevTools' class name: a constructor name, <c>{a, b, c}</c> for plain objects with a
/// recognised shape, or <c>(string)</c>, <c>(array)</c>, <c>(system)</c>, <c>(compiled code)</c> … for V8 internals.</param>
/// <param name="Count">Number of objects (zero-size objects are not counted, as in DevTools).</param>
/// <param name="SelfSize">Sum of the objects' shallow sizes.</param>
/// <param name="RetainedSize">Sum of retained sizes of the objects not dominated by another object of the same class
/// (DevTools' rule, so nested instances are not counted twice).</param>
/// <param name="Distance">The smallest distance from a user root among the objects.</param>
/// <param name="Key">The grouping key: the class name, or the constructor's script location plus name when
/// same-named constructors from different scripts must stay apart.</param>
public sealed record ClassSummaryRow(string ClassName, int Count, long SelfSize, long RetainedSize, int Distance, string Key);
