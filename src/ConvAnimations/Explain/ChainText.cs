using System.Globalization;
using System.Text;
using ConvAnimations.Arithmetic;
using ConvAnimations.Layout;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;

namespace ConvAnimations.Explain;

/// <summary>
/// A chain of layers explained: a table like torchinfo's summary (per layer its operation, output shape, weights,
/// and the receptive field, jump and start of its outputs in input cells, per axis), then each layer's size formula
/// and Araujo et al.'s recurrences with their numbers; and the chain's part of <c>explain --json</c>.
/// </summary>
public static class ChainText
{
    private const string Recurrences = "r = r' + d(k-1) j', j = j' s, u = u' - p j', from r = 1, j = 1, u = 0 at the input";

    /// <param name="frames">What the view's frames are.</param>
    public static string Describe(Animation animation, string frames)
    {
        var figure = animation.Figure;
        var chain = animation.Layers!;
        var text = new StringBuilder();
        text.AppendLine($"{figure.Name}: {figure.Title}");
        text.AppendLine($"a chain of {Plural.Of(chain.Count, "layer")}, input {chain.Shape(0)}{(chain.SeveralMaps ? " (maps x rows x cols)" : "")}; view: {figure.View.Name}, {frames}");
        text.AppendLine();
        string[] header = ["#", "layer", "operation", "output", "weights", "receptive field", "jump", "start"];
        var rows = Enumerable.Range(0, chain.Count + 1).Select(m => m == 0
            ? new[] { "0", "input", "", chain.Shape(0), "", "1", "1", "0" }
            : [$"{m}", chain.Title(m), Operation(chain.Layers[m - 1]), chain.Shape(m), Number(Weights(chain.Layers[m - 1])), Size(chain, m), Jump(chain, m), Start(chain, m)])
            .Prepend(header).ToList();
        var widths = header.Select((_, i) => rows.Max(r => r[i].Length)).ToArray();
        // Numbers to the right, words to the left.
        var right = new[] { true, false, false, false, true, true, true, true };
        foreach (var row in rows) text.AppendLine(("  " + string.Join("  ", row.Select((v, i) => right[i] ? v.PadLeft(widths[i]) : v.PadRight(widths[i])))).TrimEnd());
        text.AppendLine($"  {Plural.Of(chain.Layers.Sum(Weights), "weight")} (no biases)");

        text.AppendLine();
        text.AppendLine("sizes, layer by layer:");
        for (var l = 1; l <= chain.Count; l++)
        {
            foreach (var formula in SizeFormulas(chain, l)) text.AppendLine($"  layer {l}: {formula}");
        }
        text.AppendLine();
        text.AppendLine($"receptive fields, layer by layer (Araujo et al.: {Recurrences}; p is the padding before):");
        // One axis when both are the same, or the rows stay one cell; else rows and cols.
        var axes = chain.OneRow || chain.Rows.SequenceEqual(chain.Cols) ? [("", chain.Cols, chain.ColFields)]
            : new[] { ("rows", chain.Rows, chain.RowFields), ("cols", chain.Cols, chain.ColFields) };
        foreach (var (label, layers, fields) in axes)
        {
            var indent = label.Length > 0 ? "    " : "  ";
            if (label.Length > 0) text.AppendLine($"  {label}:");
            for (var l = 1; l <= chain.Count; l++)
            {
                var line = fields[l] is not null ? fields[l - 1]!.Value.Formula(layers[l - 1]) : Uneven(layers, l, fields[l - 1] is not null);
                text.AppendLine($"{indent}layer {l}: {line}");
            }
            if (fields[chain.Count] is { } field)
            {
                text.AppendLine($"{indent}output cell n of layer {chain.Count} reads input cells u + n j to u + n j + r - 1 = {Cells(field)} (clipped to the input)");
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// The chain's members of <c>explain --json</c>: its name, the view, its input and output (maps, rows, cols), and
    /// its layers, one a line: operation, shapes, weights, and per axis the receptive field (the largest, on an axis
    /// without a uniform jump), jump and start (null on such an axis).
    /// </summary>
    public static IEnumerable<string> Json(Animation animation, string? view)
    {
        var figure = animation.Figure;
        var chain = animation.Layers!;
        yield return FigureJson.Member("name", FigureJson.Text(figure.Name));
        yield return FigureJson.Member("kind", FigureJson.Text(LayerChains.Key));
        if (view is not null) yield return FigureJson.Member("view", FigureJson.Text(view));
        yield return FigureJson.Member("input", JsonShape(chain, 0));
        yield return FigureJson.Member("output", JsonShape(chain, chain.Count));
        yield return FigureJson.Lines("layers", Enumerable.Range(1, chain.Count).Select(l =>
        {
            var layer = chain.Layers[l - 1];
            var g = layer.Geometry;
            var (rows, cols) = chain.Field(l);
            var (rowSpans, colSpans) = chain.Spans(l);
            return $"{{\"name\": {FigureJson.Text(layer.Name)}, \"title\": {FigureJson.Text(layer.Title)}, \"kind\": {FigureJson.Text(layer.Kind.Name)}, " +
                   $"\"input\": {JsonShape(chain, l - 1)}, \"output\": {JsonShape(chain, l)}, \"kernel\": {g.Kernel.Json}, \"stride\": {g.Stride.Json}, " +
                   $"\"padding\": {g.Padding.Json}, \"padding_end\": {g.PaddingEnd.Json}, \"dilation\": {g.Dilation.Json}, " +
                   $"\"output_padding\": {(layer.IsTransposed ? g.OutputPadding : new Size2(0, 0)).Json}, \"groups\": {layer.Channels.Groups}, \"weights\": {Weights(layer)}, " +
                   $"\"receptive_field\": [{rowSpans.Largest}, {colSpans.Largest}], \"jump\": [{Json(rows?.Jump)}, {Json(cols?.Jump)}], \"start\": [{Json(rows?.Start)}, {Json(cols?.Start)}]}}";
        }));
    }

    /// <summary>Layer <paramref name="layer"/>'s output size formula, per axis when they differ; a chain of rows says nothing of its rows, which stay one cell.</summary>
    public static IReadOnlyList<string> SizeFormulas(ChainLayout chain, int layer)
    {
        var figure = chain.Layers[layer - 1];
        var cols = figure.Geometry.Cols;
        return chain.OneRow ? [figure.IsTransposed ? Formulas.TransposedOutput(cols) : Formulas.DirectOutput(cols)] : ArithmeticText.OutputFormulas(figure);
    }

    /// <summary>What layer <paramref name="layer"/> is called: "layer 2", with its title when it has one of its own ("layer 2 (C3: convolution 5x5)").</summary>
    public static string Named(ChainLayout chain, int layer) =>
        chain.Title(layer) == $"layer {layer}" ? $"layer {layer}" : $"layer {layer} ({chain.Title(layer)})";

    /// <summary>Why a layer's outputs have no uniform jump, and the sizes of their receptive fields.</summary>
    private static string Uneven(IReadOnlyList<ChainAxis> layers, int layer, bool first)
    {
        var (smallest, largest) = ReceptiveFields.Spans(layers, layer);
        var why = first
            ? $"a transposed layer of stride {layers[layer - 1].Axis.Stride} adds each input m to outputs m s - p + a d, so its outputs read unevenly many cells"
            : "it follows a transposed layer of stride above 1";
        return $"no uniform jump ({why}): receptive fields of {Range(smallest, largest)} input cells";
    }

    /// <summary>How many weights a layer has (no bias): out x in/groups x kh x kw, the same for its transpose; none for pooling.</summary>
    public static long Weights(Figure layer) => layer.IsPooling ? 0 : (long)layer.Channels.In * layer.Channels.OutPerGroup * layer.Geometry.Kernel.Area;

    /// <summary>The operation in the guide's symbols: "convolution, k = 3, s = 2, p = 1".</summary>
    private static string Operation(Figure layer) =>
        $"{layer.Kind.Name}, {MapParts.Parameters(layer)}{(!layer.IsPooling && layer.Channels.Groups > 1 ? $", groups = {layer.Channels.Groups}" : "")}";

    /// <summary>The receptive field's sizes, per axis when they differ ("3", "1x16", "7-11"); a chain of rows, its columns'.</summary>
    private static string Size(ChainLayout chain, int m)
    {
        var (rows, cols) = chain.Spans(m);
        var (r, c) = (Range(rows.Smallest, rows.Largest), Range(cols.Smallest, cols.Largest));
        return r == c || chain.OneRow ? c : $"{r}x{c}";
    }

    private static string Jump(ChainLayout chain, int m) => Pair(chain, chain.Field(m).Rows?.Jump, chain.Field(m).Cols?.Jump);

    private static string Start(ChainLayout chain, int m) => Pair(chain, chain.Field(m).Rows?.Start, chain.Field(m).Cols?.Start);

    private static string Pair(ChainLayout chain, int? rows, int? cols) => rows == cols || chain.OneRow ? Text(cols) : $"{Text(rows)}, {Text(cols)}";

    private static string Text(int? n) => n is { } value ? Number(value) : "-";

    private static string Range(int smallest, int largest) => smallest == largest ? Number(largest) : $"{Number(smallest)}-{Number(largest)}";

    /// <summary>"n - 15 to n", "2n - 1 to 2n + 1".</summary>
    private static string Cells(ReceptiveField field)
    {
        static string Affine(int jump, int offset) =>
            (jump == 1 ? "n" : $"{Number(jump)}n") + (offset == 0 ? "" : offset > 0 ? $" + {Number(offset)}" : $" - {Number(-offset)}");
        return $"{Affine(field.Jump, field.Start)} to {Affine(field.Jump, field.Start + field.Size - 1)}";
    }

    private static string JsonShape(ChainLayout chain, int m) => $"[{chain.Channels(m)}, {chain.Map(m).Rows}, {chain.Map(m).Cols}]";

    private static string Json(int? n) => n is { } value ? Number(value) : "null";

    private static string Number(long n) => n.ToString(CultureInfo.InvariantCulture);
}
