using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Analysis.Internal;

/// <summary>
/// DevTools' class names: <c>(system)</c> for hidden nodes, the raw name for objects and natives (with
/// <c>&lt;div id=…&gt;</c> trimmed to <c>&lt;div&gt;</c>), <c>(compiled code)</c>, <c>Function</c>, <c>RegExp</c>,
/// and <c>(type)</c> for everything else; then plain <c>Object</c>s renamed after popular property shapes.
/// </summary>
internal static class ClassNames
{
    public static ClassTable Compute(HeapGraph g, HeapAnalysisOptions options)
    {
        int n = g.NodeCount;
        int[] classOf = GC.AllocateUninitializedArray<int>(n);
        var names = new List<string>();
        // Raw-name classes are keyed by string index, derived names by their text: they never merge, as in DevTools.
        var byStringIndex = new Dictionary<int, int>();
        var byDerivedName = new Dictionary<string, int>(StringComparer.Ordinal);

        int Derived(string name)
        {
            if (!byDerivedName.TryGetValue(name, out int id))
            {
                id = names.Count;
                names.Add(name);
                byDerivedName[name] = id;
            }
            return id;
        }

        int Raw(int stringIndex)
        {
            if (!byStringIndex.TryGetValue(stringIndex, out int id))
            {
                id = names.Count;
                names.Add(g.Strings.Get(stringIndex));
                byStringIndex[stringIndex] = id;
            }
            return id;
        }

        for (int i = 0; i < n; i++)
        {
            HeapNodeType type = g.NodeTypeOf(i);
            classOf[i] = type switch
            {
                HeapNodeType.Hidden => Derived("(system)"),
                HeapNodeType.Object or HeapNodeType.Native => ObjectClass(g, i, Raw, Derived),
                HeapNodeType.Code => Derived("(compiled code)"),
                HeapNodeType.Closure => Derived("Function"),
                HeapNodeType.RegExp => Derived("RegExp"),
                _ => Derived("(" + g.Meta.NodeTypes[g.NodeTypes[i]] + ")"),
            };
        }
        var table = new ClassTable(classOf, [.. names]);
        return options.InferObjectShapes ? ObjectShapes.Apply(g, table) : table;
    }

    private static int ObjectClass(HeapGraph g, int ordinal, Func<int, int> raw, Func<string, int> derived)
    {
        int nameIndex = g.NodeNames[ordinal];
        ReadOnlySpan<byte> name = g.Strings.GetBytes(nameIndex);
        if (name.Length > 0 && name[0] == '<')
        {
            string text = g.Strings.Get(nameIndex);
            int space = text.IndexOf(' ', StringComparison.Ordinal);
            return derived(space < 0 ? text : string.Concat(text.AsSpan(0, space), ">"));
        }
        if (name.StartsWith("Detached <"u8))
        {
            string text = g.Strings.Get(nameIndex);
            int space = text.IndexOf(' ', 10);
            return derived(space < 0 ? text : string.Concat(text.AsSpan(0, space), ">"));
        }
        return raw(nameIndex);
    }
}
