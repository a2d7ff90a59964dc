using System.Reflection;
using System.Text.Json;
using LeakNotebooks.Core.Graph;

namespace LeakNotebooks.Views.Tables.Internal;

/// <summary>
/// Columns for any row type, from its public properties (records, anonymous types from a LINQ <c>Select</c>): numbers
/// are counts, or bytes when the property's name ends in <c>Size</c> or <c>Bytes</c>; <see cref="NodeId"/> is an id;
/// a <see cref="HeapNode"/> reads as its class and id (never its name, which may be a string value).
/// </summary>
internal static class RecordColumns
{
    public static List<TableColumn<T>> For<T>()
    {
        var columns = new List<TableColumn<T>>();
        foreach (PropertyInfo p in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.GetIndexParameters().Length > 0 || p.GetMethod is null)
            {
                continue;
            }
            Type type = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            string name = JsonNamingPolicy.CamelCase.ConvertName(p.Name);
            Func<T, object?> get = row => p.GetValue(row);
            if (type == typeof(HeapNode))
            {
                columns.Add(new TableColumn<T>(name, p.Name, ColumnKind.Text, row => p.GetValue(row) is HeapNode n ? Describe(n) : null));
                continue;
            }
            columns.Add(new TableColumn<T>(name, p.Name, KindOf(p.Name, type), get));
        }
        if (columns.Count == 0)
        {
            columns.Add(new TableColumn<T>("value", "Value", ColumnKind.Text, row => row?.ToString()));
        }
        return columns;
    }

    private static ColumnKind KindOf(string name, Type type)
    {
        if (type == typeof(NodeId))
        {
            return ColumnKind.Id;
        }
        if (type == typeof(TimeSpan))
        {
            return ColumnKind.Duration;
        }
        if (type == typeof(int) || type == typeof(long) || type == typeof(uint) || type == typeof(double) || type == typeof(float) || type == typeof(decimal))
        {
            bool bytes = name.EndsWith("Size", StringComparison.Ordinal) || name.EndsWith("Bytes", StringComparison.Ordinal);
            return bytes && type != typeof(double) && type != typeof(float) && type != typeof(decimal) ? ColumnKind.Bytes : ColumnKind.Count;
        }
        return ColumnKind.Text;
    }

    private static string Describe(HeapNode node) => node.Graph is null ? string.Empty : $"{(node.IsRoot ? "(root)" : node.ClassName)} {node.Id}";
}
