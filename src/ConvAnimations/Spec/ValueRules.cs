using System.Globalization;
using System.Text.RegularExpressions;
using ConvAnimations.Arithmetic;

namespace ConvAnimations.Spec;

/// <summary>
/// Where the errors of one figure (or of the defaults) go. A muted report swallows them: a value taken from the
/// defaults was already checked there, and an error about a value phase one could not read depends on that error.
/// </summary>
internal sealed class Report(string path, string? figure, List<SpecError>? errors, string context = "")
{
    public string? Figure => figure;

    public Report Muted => new(path, figure, null, context);

    /// <summary>The same file's errors, about the figure named <paramref name="name"/>.</summary>
    public Report For(string? name) => new(path, name, errors, context);

    /// <summary>The same errors, each message opening with <paramref name="where"/> (a layer of a chain: "layer 3: ").</summary>
    public Report Within(string where) => new(path, figure, errors, where);

    public SourceLocation At(RawNode node) => new(path, node.Line, node.Column);

    public void Error(RawNode at, string message)
    {
        if (errors is null || at is RawBroken) return;
        errors.Add(new SpecError(At(at), figure, context + message));
    }

    /// <summary>Reports every key of <paramref name="map"/> that is not <paramref name="known"/>; true when there is none.</summary>
    public bool UnknownKeys(RawMap map, IReadOnlyList<string> known, string where)
    {
        var none = true;
        foreach (var key in map.Keys.Where(k => !known.Contains(k.Value)))
        {
            Error(key, $"unknown key '{key.Value}' in {where}{Suggestions.DidYouMean(key.Value, known)}; allowed: {string.Join(", ", known)}");
            none = false;
        }
        return none;
    }
}

/// <summary>Reads one value of a figure; reports what is wrong with it and returns false.</summary>
internal delegate bool ValueRule<T>(RawNode node, Report report, out T value);

/// <summary>
/// The rules for single values, each reporting its own error at the value: whole numbers, numbers, sizes, words of a
/// table, text. None depends on another value.
/// </summary>
internal static partial class ValueRules
{
    /// <summary>
    /// The largest size any key may give. Far above what a figure can show (<see cref="FigureFileReader.MaxCellsPerAxis"/>),
    /// low enough that no formula of the arithmetic can overflow.
    /// </summary>
    public const int MaxSize = 10_000;

    /// <summary>The largest magnitude of a figure's numbers: finite, and within what a cell can show.</summary>
    public const double MaxValue = 1_000_000;

    /// <summary>Names become file names: short enough for every file system, with room for the suffixes.</summary>
    public const int MaxNameLength = 100;

    public const int MaxTitleLength = 200;

    /// <summary>A description of a picture in a few sentences (screen readers read it whole).</summary>
    public const int MaxAltLength = 1000;

    [GeneratedRegex("^[a-z0-9_-]+$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[+-]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    public static bool IsInteger(RawNode node) => node is RawScalar { IsPlain: true } s && IntegerPattern().IsMatch(s.Value);

    public static bool Int(RawNode node, Report report, string key, out int value)
    {
        value = 0;
        if (!IsInteger(node))
        {
            report.Error(node, $"{key}: expected a whole number, got {RawYaml.Describe(node)}");
            return false;
        }
        var text = ((RawScalar)node).Value;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return true;
        report.Error(node, $"{key}: {text} is out of range");
        return false;
    }

    public static bool Number(RawNode node, Report report, string key, out double value)
    {
        value = 0;
        if (node is RawScalar { IsPlain: true } scalar && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out value)) return true;
        report.Error(node, $"{key}: expected a number, got {RawYaml.Describe(node)}");
        return false;
    }

    /// <summary>A number of a numerical figure: finite, of at most <see cref="MaxValue"/> in magnitude.</summary>
    public static bool CellValue(RawNode node, Report report, string key, out double value)
    {
        if (!Number(node, report, key, out value)) return false;
        if (Math.Abs(value) <= MaxValue) return true;
        report.Error(node, $"{key}: {((RawScalar)node).Value} is out of range: numbers are from -{MaxValue:0} to {MaxValue:0}, which a cell can show");
        return false;
    }

    /// <summary>A whole number or [rows, cols], each read by <paramref name="item"/>.</summary>
    public static bool Pair<T>(RawNode node, Report report, string key, ValueRule<T> item, out (T Rows, T Cols) pair)
    {
        pair = default;
        switch (node)
        {
            case RawList { Items.Count: 2 } list:
                var rowsOk = item(list.Items[0], report, out var rows);
                var colsOk = item(list.Items[1], report, out var cols);
                pair = (rows, cols);
                return rowsOk && colsOk;
            case RawList list:
                report.Error(node, $"{key}: expected a number or [rows, cols], got a list of {list.Items.Count}" +
                    (list.Items.Count == 3 ? " (figures are 2-D: the depth of a tensor is its feature maps, in_channels and out_channels)" : ""));
                return false;
            case RawScalar:
                var ok = item(node, report, out var both);
                pair = (both, both);
                return ok;
            default:
                report.Error(node, $"{key}: expected a whole number or [rows, cols], got {RawYaml.Describe(node)}");
                return false;
        }
    }

    /// <summary>A size: a number or [rows, cols], each from <paramref name="min"/> to <see cref="MaxSize"/>.</summary>
    public static ValueRule<Size2> Size(string key, int min, string rule) => (RawNode node, Report report, out Size2 size) =>
    {
        size = default;
        if (node is not RawList && !IsInteger(node))
        {
            report.Error(node, $"{key}: expected a whole number or [rows, cols], got {RawYaml.Describe(node)}");
            return false;
        }
        if (!Pair(node, report, key, (RawNode n, Report r, out int v) => Int(n, r, key, out v), out var pair)) return false;
        size = new Size2(pair.Rows, pair.Cols);
        if (size.Rows < min || size.Cols < min)
        {
            report.Error(node, $"{key}: {size.Yaml} is not allowed: {rule}");
            return false;
        }
        return WithinMaxSize(node, report, key, size.Yaml, Math.Max(size.Rows, size.Cols));
    };

    public static bool WithinMaxSize(RawNode node, Report report, string key, string written, int largest)
    {
        if (largest <= MaxSize) return true;
        report.Error(node, $"{key}: {written} is out of range: at most {MaxSize} (a figure shows at most {FigureFileReader.MaxCellsPerAxis} cells on an axis)");
        return false;
    }

    /// <summary>One of the names of a table, such as the kinds' or the views'; <paramref name="fallback"/> when it is not.</summary>
    /// <param name="hint">What to say of a word it does not have, instead of the nearest one (null: nothing specific).</param>
    public static ValueRule<T> Name<T>(string key, IReadOnlyList<string> names, Func<string, T?> parse, T fallback, Func<string, string?>? hint = null) where T : class => (RawNode node, Report report, out T value) =>
    {
        var text = (node as RawScalar)?.Value ?? "";
        if (parse(text) is { } found)
        {
            value = found;
            return true;
        }
        value = fallback;
        var why = hint?.Invoke(text) is { } known ? $": {known}" : Suggestions.DidYouMean(text, names);
        report.Error(node, $"{key}: '{(node is RawScalar ? text : RawYaml.Describe(node))}' is not one of {string.Join(", ", names)}{why}");
        return false;
    };

    /// <summary>One of the words of an enum's table (<see cref="Words{T}"/>).</summary>
    public static ValueRule<T> Word<T>(string key) where T : struct, Enum => (RawNode node, Report report, out T value) =>
    {
        var text = (node as RawScalar)?.Value ?? "";
        if (Words<T>.Parse(text) is { } word)
        {
            value = word;
            return true;
        }
        value = default;
        var allowed = Words<T>.Names;
        report.Error(node, $"{key}: '{(node is RawScalar ? text : RawYaml.Describe(node))}' is not one of {string.Join(", ", allowed)}{Suggestions.DidYouMean(text, allowed)}");
        return false;
    };

    /// <summary>A non-empty list of distinct format names, each one of <paramref name="allowed"/>.</summary>
    public static ValueRule<IReadOnlyList<OutputFormat>> Formats(string key, IReadOnlyList<string> allowed) =>
        (RawNode node, Report report, out IReadOnlyList<OutputFormat> formats) =>
        {
            var list = new List<OutputFormat>();
            formats = list;
            if (node is not RawList { Items.Count: > 0 } items)
            {
                report.Error(node, $"{key}: expected a list such as [{string.Join(", ", allowed.Take(2))}], got {RawYaml.Describe(node)}");
                return false;
            }
            var ok = true;
            foreach (var item in items.Items)
            {
                var text = (item as RawScalar)?.Value ?? "";
                if (!allowed.Contains(text) || OutputFormat.Parse(text) is not { } format)
                {
                    var why = OutputFormat.Parse(text) is not null ? $" (panels are still pictures: {string.Join(", ", allowed)})" : "";
                    report.Error(item, $"{key}: '{text}' is not one of {string.Join(", ", allowed)}{why}{Suggestions.DidYouMean(text, allowed)}");
                    ok = false;
                }
                else if (list.Contains(format))
                {
                    report.Error(item, $"{key}: '{text}' is listed twice");
                    ok = false;
                }
                else
                {
                    list.Add(format);
                }
            }
            return ok;
        };

    public static bool Name(RawNode node, Report report, out string name)
    {
        name = (node as RawScalar)?.Value ?? "";
        if (node is not RawScalar { Value.Length: > 0 })
        {
            report.Error(node, $"name: expected a name of [a-z0-9_-]+, got {RawYaml.Describe(node)}");
            return false;
        }
        if (name.Length > MaxNameLength)
        {
            report.Error(node, $"name: {name.Length} characters is too long: at most {MaxNameLength}, since it names the output files");
            return false;
        }
        if (!NamePattern().IsMatch(name))
        {
            report.Error(node, $"name '{name}' is not allowed: use only a-z, 0-9, '_' and '-' (it names output files, so no paths, spaces or capitals)");
            return false;
        }
        return true;
    }

    /// <summary>Plain text on one line: a title is printed on terminals and pages, so no control characters.</summary>
    public static bool Title(RawNode node, Report report, out string title) => OneLine("title", MaxTitleLength, node, report, out title);

    /// <summary>A figure's alt text: plain text like a title, and as long as a description of a picture needs.</summary>
    public static bool Alt(RawNode node, Report report, out string? alt)
    {
        var ok = OneLine("alt", MaxAltLength, node, report, out var text);
        alt = text;
        return ok;
    }

    private static bool OneLine(string key, int max, RawNode node, Report report, out string text)
    {
        text = (node as RawScalar)?.Value ?? "";
        if (node is not RawScalar { Value.Length: > 0 })
        {
            report.Error(node, $"{key}: expected text, got {RawYaml.Describe(node)}");
            return false;
        }
        if (text.Length > max)
        {
            report.Error(node, $"{key}: {text.Length} characters is too long: at most {max}");
            return false;
        }
        var control = Array.FindIndex(text.ToCharArray(), char.IsControl);
        if (control >= 0)
        {
            report.Error(node, $"{key}: holds the control character U+{(int)text[control]:X4} at character {control + 1}: {(key == "alt" ? "an alt text" : $"a {key}")} is plain text on one line (no escape codes)");
            return false;
        }
        return true;
    }
}
