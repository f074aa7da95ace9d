using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using ConvAnimations.Spec;

namespace ConvAnimations.Pipeline;

/// <summary>
/// One text for a value, the same for equal values and different for different ones: records by their positional
/// fields (the parameters of their primary constructor) in order, lists and matrices element by element, numbers
/// round-trippable and culture-free. What the render cache hashes.
/// </summary>
public static class Canonical
{
    /// <summary>Fields that do not change a figure's files: where it was written in its file.</summary>
    private static readonly (Type Type, string Name)[] Ignored = [(typeof(Figure), nameof(Figure.Location))];

    public static string Write(object? value)
    {
        var text = new StringBuilder();
        Append(text, value, 0);
        return text.ToString();
    }

    /// <summary>Deeper than any figure's fields go: a cycle of references ends here instead of in a stack overflow.</summary>
    private const int MaxDepth = 32;

    /// <summary>
    /// The fields that make up a value, in declaration order: a positional record's constructor parameters (not the
    /// properties computed from them); for any other type every public property.
    /// </summary>
    public static IReadOnlyList<PropertyInfo> Fields(Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.CanRead).ToList();
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        var positional = (constructor?.GetParameters() ?? []).Select(a => properties.FirstOrDefault(p => p.Name == a.Name)).ToList();
        // A record's positional fields, and the properties set by initialisers (Figure.Look); not those it derives.
        var fields = positional.Count > 0 && positional.All(p => p is not null)
            ? positional.Select(p => p!).Concat(properties.Where(p => p.CanWrite && !positional.Contains(p))).ToList()
            : properties;
        return fields.Where(p => !Ignored.Contains((type, p.Name))).ToList();
    }

    private static void Append(StringBuilder text, object? value, int depth)
    {
        if (depth > MaxDepth) throw new NotSupportedException($"a value nested more than {MaxDepth} levels deep (a cycle?) cannot be written canonically");
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case string s:
                text.Append(System.Text.Json.JsonSerializer.Serialize(s));
                break;
            // The tables' entries are known by name: a kind, a format, a view.
            case Kind kind:
                text.Append("Kind.").Append(kind.Name);
                break;
            case OutputFormat format:
                text.Append("OutputFormat.").Append(format.Name);
                break;
            case ViewRules view:
                text.Append("View.").Append(view.Name);
                break;
            case Enum e:
                text.Append(e.GetType().Name).Append('.').Append(e.ToString());
                break;
            case double d:
                text.Append(d.ToString("R", CultureInfo.InvariantCulture));
                break;
            case IFormattable f when value.GetType().IsPrimitive:
                text.Append(f.ToString(null, CultureInfo.InvariantCulture));
                break;
            case Array { Rank: > 1 } array:
                text.Append('[').AppendJoin('x', Enumerable.Range(0, array.Rank).Select(array.GetLength)).Append(':');
                foreach (var item in array) AppendItem(text, item, depth);
                text.Append(']');
                break;
            case IEnumerable items:
                text.Append('[');
                foreach (var item in items) AppendItem(text, item, depth);
                text.Append(']');
                break;
            default:
                text.Append(value.GetType().Name).Append('{');
                foreach (var field in Fields(value.GetType()))
                {
                    text.Append(field.Name).Append('=');
                    Append(text, field.GetValue(value), depth + 1);
                    text.Append(';');
                }
                text.Append('}');
                break;
        }
    }

    private static void AppendItem(StringBuilder text, object? item, int depth)
    {
        Append(text, item, depth + 1);
        text.Append(',');
    }
}
