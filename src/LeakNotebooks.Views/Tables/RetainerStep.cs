using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Views.Tables;

/// <summary>
/// One step of a <see cref="RetainerChain"/>: the reference taken (none for the first node) and the node it leads to.
/// A run of identical hops (a linked list such as <c>_idleNext</c>) is one step with <see cref="Repeat"/> above 1.
/// </summary>
/// <param name="EdgeName">The reference into the node as DevTools shows it (<c>configBus</c>, <c>[3]</c>); null for the first node.
/// Edge names are property and variable names, never redacted.</param>
/// <param name="EdgeType">The reference's type (<c>property</c>, <c>element</c>, <c>context</c>, <c>internal</c> …); null for the first node.</param>
/// <param name="Id">The node's V8 id.</param>
/// <param name="ClassName">DevTools' class name of the node (<c>(root)</c> for the snapshot's root).</param>
/// <param name="Name">The node's name through <see cref="ViewOptions.FormatNodeName"/>: string values are redacted when asked.</param>
/// <param name="NodeType">V8's node type (<c>object</c>, <c>closure</c>, <c>array</c> …).</param>
/// <param name="SelfSize">The node's shallow size (DevTools').</param>
/// <param name="RetainedSize">Bytes the node keeps alive.</param>
/// <param name="Repeat">How many identical hops this step stands for (1 for an ordinary step).</param>
/// <param name="Growing">Whether the reference into the node is on the leak's growing segment.</param>
public sealed record RetainerStep(
    string? EdgeName,
    string? EdgeType,
    NodeId Id,
    string ClassName,
    string Name,
    string NodeType,
    long SelfSize,
    long RetainedSize,
    int Repeat,
    bool Growing);
