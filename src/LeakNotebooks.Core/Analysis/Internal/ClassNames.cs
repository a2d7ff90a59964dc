using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Core.Analysis.Internal;

/// <summary>
/// DevTools' class names: <c>(system)</c> for hidden nodes, the name for objects and natives (after the
/// <c>Detached …</c> renaming of <see cref="DomState"/>; <c>&lt;div id=…&gt;</c> trimmed to <c>&lt;div&gt;</c>),
/// <c>(compiled code)</c>, <c>Function</c>, <c>RegExp</c>, and <c>(type)</c> for everything else; then plain
/// <c>Object</c>s renamed after popular property shapes (<see cref="ObjectShapes"/>).
/// </summary>
/// <remarks>
/// Class identity follows DevTools' class string index: a raw name keeps its own string (one class per string
/// index), a renamed name gets one new string per original index, and synthesized names (<c>(system)</c>,
/// <c>&lt;div&gt;</c>, …) are one new string per text. Two classes can therefore share a text, and the Summary
/// resolves that the way DevTools does. Cost: cached per string index and per node type, so no string is built
/// per node.
/// </remarks>
internal static class ClassNames
{
    public static ClassTable Compute(HeapGraph g, DomState dom, HeapAnalysisOptions options)
    {
        int n = g.NodeCount;
        int[] classOf = GC.AllocateUninitializedArray<int>(n);
        var names = new List<string>();
        var bySynthesizedText = new Dictionary<string, int>(StringComparer.Ordinal);
        var byRenamedIndex = new Dictionary<int, int>();
        // Object/native class per raw name index, plus one; 0 = not computed yet.
        int[] byNameIndex = new int[g.StringCount];
        // Class per node type byte for every other type, plus one.
        int[] byType = new int[256];

        int Synthesized(string text)
        {
            if (!bySynthesizedText.TryGetValue(text, out int id))
            {
                id = names.Count;
                names.Add(text);
                bySynthesizedText.Add(text, id);
            }
            return id;
        }

        int New(string text)
        {
            names.Add(text);
            return names.Count - 1;
        }

        // The name rules on the text DevTools sees; -1 when none applies and the class is the name string itself.
        int FromName(string text)
        {
            if (text.StartsWith('<'))
            {
                int space = text.IndexOf(' ', StringComparison.Ordinal);
                return Synthesized(space < 0 ? text : string.Concat(text.AsSpan(0, space), ">"));
            }
            if (text.StartsWith("Detached <", StringComparison.Ordinal))
            {
                int space = text.IndexOf(' ', 10);
                return Synthesized(space < 0 ? text : string.Concat(text.AsSpan(0, space), ">"));
            }
            return -1;
        }

        // Renamed natives (rare): one new string per original name index, as DevTools appends one.
        int Renamed(int ordinal, int nameIndex)
        {
            string text = dom.NameOf(ordinal);
            int id = FromName(text);
            if (id < 0 && !byRenamedIndex.TryGetValue(nameIndex, out id))
            {
                id = New(text);
                byRenamedIndex.Add(nameIndex, id);
            }
            return id;
        }

        for (int i = 0; i < n; i++)
        {
            byte typeByte = g.NodeTypes[i];
            HeapNodeType type = g.NodeTypeOf(i);
            if (type is HeapNodeType.Object or HeapNodeType.Native)
            {
                int nameIndex = g.NodeNames[i];
                if (dom.IsRenamed(i))
                {
                    classOf[i] = Renamed(i, nameIndex);
                    continue;
                }
                int cached = byNameIndex[nameIndex];
                if (cached == 0)
                {
                    string text = g.Strings.Get(nameIndex);
                    int id = FromName(text);
                    cached = 1 + (id >= 0 ? id : New(text));
                    byNameIndex[nameIndex] = cached;
                }
                classOf[i] = cached - 1;
                continue;
            }
            int byTypeCached = byType[typeByte];
            if (byTypeCached == 0)
            {
                byTypeCached = 1 + Synthesized(type switch
                {
                    HeapNodeType.Hidden => "(system)",
                    HeapNodeType.Code => "(compiled code)",
                    HeapNodeType.Closure => "Function",
                    HeapNodeType.RegExp => "RegExp",
                    _ => "(" + TypeName(g, typeByte) + ")",
                });
                byType[typeByte] = byTypeCached;
            }
            classOf[i] = byTypeCached - 1;
        }
        var table = new ClassTable(classOf, [.. names]);
        return options.InferObjectShapes ? ObjectShapes.Apply(g, table) : table;
    }

    private static string TypeName(HeapGraph g, byte typeByte) => g.NodeTypeNames[typeByte];
}
