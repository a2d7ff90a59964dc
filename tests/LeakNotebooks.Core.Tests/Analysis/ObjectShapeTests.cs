using LeakNotebooks.Core.Analysis;
using LeakNotebooks.TestSupport;

namespace LeakNotebooks.Core.Tests.Analysis;

/// <summary>
/// DevTools' interface inference for plain objects (docs/devtools-semantics.md §13) on small hand-built heaps:
/// which labels become definitions, and which definition each plain object gets.
/// </summary>
public class ObjectShapeTests
{
    /// <summary>A heap whose root holds a global object; <see cref="Plain"/> hangs plain objects off it.</summary>
    private sealed class Heap
    {
        public SnapshotBuilder B { get; } = new();

        public int Global { get; }

        private int _slot;

        public Heap()
        {
            Global = B.AddNode("object", "global", 16);
            B.AddEdge(B.Root, "shortcut", "global", Global);
        }

        /// <summary>A node of the given type and name with a property edge per name (to a shared number node).</summary>
        public int Add(string type, string name, params string[] properties)
        {
            int o = B.AddNode(type, name, 24);
            B.AddEdge(Global, "property", "slot" + _slot++, o);
            foreach (string p in properties)
            {
                int value = B.AddNode("number", "heap number", 16);
                B.AddEdge(o, "property", p, value);
            }
            return o;
        }

        public int Plain(params string[] properties) => Add("object", "Object", properties);

        public HeapAnalysis Analyze(HeapAnalysisOptions? options = null) => OracleCheck.Analyze(B, options);
    }

    private static string ClassOf(HeapAnalysis a, int ordinal) => a.GetClassName(a.Graph.GetNode(ordinal));

    [Fact]
    public void Objects_take_the_popular_label_when_its_properties_are_a_subset_of_theirs()
    {
        // The spec's example: (a, b) twice makes {a, b}; (b, a) and (a, b, c) are below the threshold of 2.
        var h = new Heap();
        int ab1 = h.Plain("a", "b");
        int ba = h.Plain("b", "a");
        int abc = h.Plain("a", "b", "c");
        int ab2 = h.Plain("a", "b");

        HeapAnalysis a = h.Analyze();

        Assert.All(new[] { ab1, ba, abc, ab2 }, o => Assert.Equal("{a, b}", ClassOf(a, o)));
        ClassSummaryRow row = Assert.Single(a.Summary, r => r.ClassName == "{a, b}");
        Assert.Equal(4, row.Count);
        Assert.DoesNotContain(a.Summary, r => r.ClassName is "{b, a}" or "{a, b, c}" or "Object");
    }

    [Fact]
    public void A_label_seen_once_is_not_a_definition_and_objects_without_properties_stay_Object()
    {
        var h = new Heap();
        int lonely = h.Plain("x", "y");
        int empty1 = h.Plain();
        int empty2 = h.Plain();

        HeapAnalysis a = h.Analyze();

        Assert.Equal("Object", ClassOf(a, lonely));
        Assert.Equal("Object", ClassOf(a, empty1));
        Assert.Equal("Object", ClassOf(a, empty2));
        Assert.Equal(3, Assert.Single(a.Summary, r => r.ClassName == "Object").Count);
    }

    [Fact]
    public void The_definition_with_most_properties_wins_and_ties_go_to_the_more_popular()
    {
        var h = new Heap();
        // {a, b} ×3 (first), {b, a} ×2: same property set, so {b, a} can never win.
        h.Plain("a", "b");
        h.Plain("a", "b");
        h.Plain("a", "b");
        int ba1 = h.Plain("b", "a");
        int ba2 = h.Plain("b", "a");
        // {a, b, c} ×2: more properties than {a, b}, so it wins for anything that has a, b and c.
        h.Plain("a", "b", "c");
        h.Plain("a", "b", "c");
        int abcd = h.Plain("d", "c", "b", "a");
        int ac = h.Plain("a", "c");

        HeapAnalysis a = h.Analyze();

        Assert.Equal("{a, b}", ClassOf(a, ba1));
        Assert.Equal("{a, b}", ClassOf(a, ba2));
        Assert.Equal("{a, b, c}", ClassOf(a, abcd));
        Assert.Equal("Object", ClassOf(a, ac));
        Assert.DoesNotContain(a.Summary, r => r.ClassName == "{b, a}");
    }

    [Fact]
    public void Equally_popular_labels_keep_their_order_of_first_appearance()
    {
        var h = new Heap();
        h.Plain("q");
        h.Plain("p");
        h.Plain("p");
        h.Plain("q");
        int both = h.Plain("p", "q");

        HeapAnalysis a = h.Analyze();

        // {q} appeared first, so on the tie (one property each) it beats {p}.
        Assert.Equal("{q}", ClassOf(a, both));
    }

    [Fact]
    public void Proto_is_left_out_of_labels_but_does_not_stop_a_match()
    {
        var h = new Heap();
        int o1 = h.Plain("__proto__", "id");
        int o2 = h.Plain("id", "__proto__");
        int onlyProto1 = h.Plain("__proto__");
        int onlyProto2 = h.Plain("__proto__");

        HeapAnalysis a = h.Analyze();

        Assert.Equal("{id}", ClassOf(a, o1));
        Assert.Equal("{id}", ClassOf(a, o2));
        Assert.Equal("Object", ClassOf(a, onlyProto1));
        Assert.Equal("Object", ClassOf(a, onlyProto2));
    }

    [Fact]
    public void Names_with_commas_quotes_or_braces_are_json_quoted()
    {
        var h = new Heap();
        int o1 = h.Plain("x,y", "q\"", "back\\slash", "plain");
        int o2 = h.Plain("x,y", "q\"", "back\\slash", "plain");

        HeapAnalysis a = h.Analyze();

        // A backslash alone does not trigger quoting.
        Assert.Equal("{\"x,y\", \"q\\\"\", back\\slash, plain}", ClassOf(a, o1));
        Assert.Equal(ClassOf(a, o1), ClassOf(a, o2));
    }

    [Fact]
    public void Labels_stop_before_the_name_that_would_pass_120_characters()
    {
        // "{" + 10 × 10-character names joined by ", " is 1 + 10×10 + 9×2 = 119 before "}".
        string[] names = Enumerable.Range(0, 14).Select(i => $"prop{i:D6}").ToArray();
        var h = new Heap();
        int o1 = h.Plain(names);
        int o2 = h.Plain(names);
        // A first name longer than the limit is still taken.
        string huge = new('h', 130);
        int h1 = h.Plain(huge, "second");
        int h2 = h.Plain(huge, "second");

        HeapAnalysis a = h.Analyze();

        // Checked before ", " and "}" are added: 9 names make 107 characters, the 10th fits (107 + 10 ≤ 120),
        // the 11th would not (119 + 10 > 120). So the label ends at 120 characters.
        string expected = "{" + string.Join(", ", names.Take(10)) + "}";
        Assert.Equal(120, expected.Length);
        Assert.Equal(expected, ClassOf(a, o1));
        Assert.Equal(expected, ClassOf(a, o2));
        Assert.Equal("{" + huge + "}", ClassOf(a, h1));
        Assert.Equal("{" + huge + "}", ClassOf(a, h2));
    }

    [Fact]
    public void The_threshold_grows_with_the_number_of_plain_objects()
    {
        // 2,500 plain objects make the minimum 2.5: a label seen twice no longer counts, three times does.
        var h = new Heap();
        int twice = h.Plain("twice");
        h.Plain("twice");
        int thrice = h.Plain("thrice");
        h.Plain("thrice");
        h.Plain("thrice");
        for (int i = 0; i < 2495; i++)
        {
            h.Plain();
        }

        HeapAnalysis a = h.Analyze();

        Assert.Equal("Object", ClassOf(a, twice));
        Assert.Equal("{thrice}", ClassOf(a, thrice));
    }

    [Fact]
    public void Only_objects_named_Object_are_plain()
    {
        var h = new Heap();
        int foo1 = h.Add("object", "Foo", "a");
        int foo2 = h.Add("object", "Foo", "a");
        int native1 = h.Add("native", "Object", "a");
        int native2 = h.Add("native", "Object", "a");
        int plain = h.Plain("a");

        HeapAnalysis a = h.Analyze();

        // The Foo objects and the natives neither propose {a} nor take it; the single plain object alone is below 2.
        Assert.Equal("Foo", ClassOf(a, foo1));
        Assert.Equal("Foo", ClassOf(a, foo2));
        Assert.Equal("Object", ClassOf(a, native1));
        Assert.Equal("Object", ClassOf(a, native2));
        Assert.Equal("Object", ClassOf(a, plain));
    }

    [Fact]
    public void Turning_InferObjectShapes_off_groups_every_plain_object_as_Object()
    {
        var h = new Heap();
        int o1 = h.Plain("id", "name");
        int o2 = h.Plain("id", "name");

        HeapAnalysis devTools = h.Analyze();
        HeapAnalysis off = h.Analyze(HeapAnalysisOptions.DevTools with { InferObjectShapes = false });

        Assert.Equal("{id, name}", ClassOf(devTools, o1));
        Assert.Equal("Object", ClassOf(off, o1));
        Assert.Equal("Object", ClassOf(off, o2));
        Assert.Equal(2, Assert.Single(off.Summary, r => r.ClassName == "Object").Count);
        Assert.DoesNotContain(off.Summary, r => r.ClassName.StartsWith('{'));
        // Nothing else changes.
        Assert.Equal(devTools.TotalSize, off.TotalSize);
        Assert.Equal(devTools.Statistics, off.Statistics);
    }
}
