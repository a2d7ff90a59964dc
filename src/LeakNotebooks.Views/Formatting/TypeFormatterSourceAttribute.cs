namespace LeakNotebooks.Views.Formatting;

/// <summary>
/// Names the class that creates this type's notebook formatters. .NET Interactive finds formatters by this
/// convention (an attribute class named exactly <c>TypeFormatterSourceAttribute</c> with a
/// <see cref="FormatterSourceType"/> property), so our types render as HTML in Polyglot Notebooks without a
/// reference to its packages and without registration code. The headless runner reads the same attribute
/// through <see cref="ViewFormatting"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = true, AllowMultiple = false)]
public sealed class TypeFormatterSourceAttribute : Attribute
{
    /// <summary>Creates the attribute for <paramref name="formatterSourceType"/>.</summary>
    public TypeFormatterSourceAttribute(Type formatterSourceType)
    {
        FormatterSourceType = formatterSourceType;
    }

    /// <summary>A type with a public parameterless constructor and a public <c>CreateTypeFormatters()</c> method.</summary>
    public Type FormatterSourceType { get; }

    /// <summary>The MIME types a notebook should emit for this type, most preferred first.</summary>
    public string[]? PreferredMimeTypes { get; set; }
}
