using System.Text;

namespace LeakNotebooks.Notebook.Runner.Internal;

/// <summary>C# source names for runtime types, so the runner can declare a typed variable holding any value.</summary>
internal static class CSharpTypeName
{
    /// <summary>
    /// The most specific type of <paramref name="value"/> that script code can name: its own type when it is public and
    /// not declared by a script, else its nearest such base class, else one such interface, else <see cref="object"/>.
    /// </summary>
    public static Type NameableType(object value)
    {
        Type type = value.GetType();
        for (Type? t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            if (IsNameable(t))
            {
                return t;
            }
        }
        // A sequence is most useful as IEnumerable<T> (LINQ works on it); otherwise the richest interface.
        return type.GetInterfaces()
            .Where(IsNameable)
            .OrderByDescending(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            .ThenByDescending(i => i.GetInterfaces().Length)
            .FirstOrDefault() ?? typeof(object);
    }

    /// <summary><c>global::</c>-qualified C# syntax for a closed type: generics, nested types and arrays included.</summary>
    public static string Of(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var builder = new StringBuilder();
        Append(builder, type);
        return builder.ToString();
    }

    private static bool IsNameable(Type type) =>
        type.IsVisible && !type.Assembly.IsDynamic && !type.ContainsGenericParameters
        && !(type.FullName ?? string.Empty).Contains("Submission#", StringComparison.Ordinal);

    private static void Append(StringBuilder builder, Type type)
    {
        if (type.IsArray)
        {
            Append(builder, type.GetElementType()!);
            builder.Append('[').Append(',', type.GetArrayRank() - 1).Append(']');
            return;
        }
        if (type.IsPointer || type.IsByRef || type.IsGenericParameter)
        {
            throw new ArgumentException($"{type} cannot be the type of a variable.", nameof(type));
        }
        Type[] arguments = type.IsGenericType ? type.GetGenericArguments() : [];
        var chain = new List<Type>();
        for (Type? t = type; t is not null; t = t.DeclaringType)
        {
            chain.Insert(0, t);
        }
        builder.Append("global::");
        if (!string.IsNullOrEmpty(chain[0].Namespace))
        {
            builder.Append(chain[0].Namespace).Append('.');
        }
        int used = 0;
        for (int i = 0; i < chain.Count; i++)
        {
            Type part = chain[i];
            if (i > 0)
            {
                builder.Append('.');
            }
            string name = part.Name;
            int tick = name.IndexOf('`', StringComparison.Ordinal);
            builder.Append(tick >= 0 ? name[..tick] : name);
            int own = (part.IsGenericType ? part.GetGenericArguments().Length : 0) - used;
            if (own > 0)
            {
                builder.Append('<');
                for (int a = 0; a < own; a++)
                {
                    if (a > 0)
                    {
                        builder.Append(", ");
                    }
                    Append(builder, arguments[used + a]);
                }
                builder.Append('>');
                used += own;
            }
        }
    }
}
