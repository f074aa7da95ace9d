using ConvAnimations.Arithmetic;

namespace ConvAnimations.Spec;

/// <summary>
/// The rules of <c>kind: fully_connected</c>: <c>input: n</c> and <c>output: m</c> units in a row, and none of the
/// keys of a kernel that slides (a dense layer joins every input to every output by a weight of its own). The file's
/// defaults serve every figure, so their kernel keys are left out for a dense one rather than refused.
/// </summary>
internal static class DenseRules
{
    /// <summary>The keys that describe a sliding kernel (or its numbers): none goes with a dense layer.</summary>
    public static readonly string[] KernelKeys = ["kernel", "stride", "padding", "dilation", "transposed_input", "output_padding", "values"];

    /// <summary>Whether a figure is of a dense kind, as written by itself or by the defaults (a wrong kind is reported elsewhere).</summary>
    public static bool IsDense(RawMap figure, RawMap? defaults) =>
        (figure["kind"] ?? defaults?["kind"]) is RawScalar { Value: var name } && Kind.Parse(name) is { IsDense: true };

    /// <summary>The defaults a dense figure takes: all but the kernel's keys.</summary>
    public static RawMap? Applicable(RawMap? defaults) =>
        defaults is null ? null : defaults with { Entries = defaults.Entries.Where(e => !KernelKeys.Contains(e.Key.Value)).ToList() };

    /// <summary>No key of a kernel, and both sizes given; every problem reported where it is.</summary>
    public static bool Presence(FigureFields fields, RawMap node, HashSet<string> meant, Report report)
    {
        var ok = true;
        foreach (var key in node.Keys.Where(k => KernelKeys.Contains(k.Value)))
        {
            report.Error(key, key.Value == "values"
                ? "values: a fully_connected figure has no numbers (its n·m weights are one an edge): leave out 'values'"
                : $"'{key.Value}' does not go with kind: fully_connected, which joins every input unit to every output unit with no kernel to slide: give only input: n and output: m");
            ok = false;
        }
        foreach (var (field, key, what) in new[] { (fields.Input, "input", "n, its input units"), (fields.Output, "output", "m, its output units") })
        {
            if (field.Given || meant.Contains(key)) continue;
            report.Error(node, $"a fully_connected figure needs '{key}': {what} (a number, or [1, {what[0]}])");
            ok = false;
        }
        return ok && fields.Input.Given && fields.Output.Given;
    }

    /// <summary>
    /// n input units as the row the units lie in: the window of every output unit is the whole input (a kernel of n,
    /// no stride or padding), so the direct arithmetic of the figure stays true; m is the figure's output units.
    /// </summary>
    public static (Geometry Geometry, int Outputs)? Geometry(FigureFields fields, Report report)
    {
        if (!fields.Input.Ok || !fields.Output.Ok) return null;
        var inputs = Units(fields.Input, "input", report);
        var outputs = Units(fields.Output, "output", report);
        if (inputs is not { } n || outputs is not { } m) return null;
        return (new Geometry(new Axis(1, 1, 1, 0, 1), new Axis(n, n, 1, 0, 1)), m);
    }

    /// <summary>A count of units: a number, or [1, n] (the units lie in one row), at most a figure's cells on an axis.</summary>
    private static int? Units(Field<Size2> field, string key, Report report)
    {
        var size = field.Value;
        if (field.At is RawList && size.Rows != 1)
        {
            report.Error(field.At, $"{key}: {size.Yaml}: a fully_connected figure's units lie in one row: give a number, or [1, n]");
            return null;
        }
        if (size.Cols <= FigureFileReader.MaxCellsPerAxis) return size.Cols;
        report.Error(field.At!, $"{key}: {size.Cols} units is over the limit of {FigureFileReader.MaxCellsPerAxis}");
        return null;
    }

    /// <summary>
    /// The view of a dense figure: the first view that draws one when none is named; a named view that draws none is
    /// reported, naming the one that does.
    /// </summary>
    public static Field<string> View(Field<string> word, IReadOnlyList<ViewRules> views, RawMap node, Report report)
    {
        var drawing = views.Where(v => v.DrawsDense && v.Word is not null).Select(v => v.Word!).Distinct().ToList();
        if (!word.Ok || drawing.Contains(word.Value)) return word;
        if (!word.Given && drawing.Count > 0) return new Field<string>(drawing[0], null, true);
        report.Error(word.At ?? node, $"view: {word.Value} cannot draw kind: fully_connected, which has no kernel to slide: " +
                               (drawing.Count > 0 ? $"use view: {string.Join(" or ", drawing)} (its default)" : "no view of this table draws it"));
        return word with { Ok = false };
    }
}
