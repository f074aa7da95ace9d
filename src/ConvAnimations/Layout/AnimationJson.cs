using System.Globalization;
using System.Text;
using System.Text.Json;
using ConvAnimations.Arithmetic;
using ConvAnimations.Spec;

namespace ConvAnimations.Layout;

/// <summary>
/// The <c>explain --json</c> document of an animation. Written by hand, one frame a line, so that committed layout
/// snapshots give readable diffs; every value comes from the <see cref="Animation"/> and its <see cref="Geometry"/>.
/// </summary>
public static class AnimationJson
{
    /// <summary>The figure's layout, or for a composed figure its parts' layouts in order.</summary>
    public static string Write(Figure figure)
    {
        if (figure.Compose is not { } composition) return Write(Layouter.Layout(figure));
        var json = new StringBuilder();
        json.Append("{\n");
        json.Append($"  \"name\": {Text(figure.Name)},\n");
        json.Append($"  \"{Words<CompositionKind>.NameOf(composition.Kind)}\": [{string.Join(", ", composition.Parts.Select(p => Text(p.Name)))}],\n");
        json.Append($"  \"frame_count\": {figure.FrameCount},\n");
        json.Append("  \"parts\": [\n");
        json.AppendJoin(",\n", composition.Parts.Select(p => Write(p).TrimEnd('\n')));
        json.Append("\n  ]\n}\n");
        return json.ToString();
    }

    public static string Write(Animation animation)
    {
        var figure = animation.Figure;
        var g = figure.Geometry;
        var json = new StringBuilder();
        json.Append("{\n");
        json.Append($"  \"name\": {Text(figure.Name)},\n");
        json.Append($"  \"kind\": {Text(Figure.KindName(figure.Kind))},\n");
        if (figure.View != View.Kernel) json.Append($"  \"view\": {Text(Words<View>.NameOf(figure.View))},\n");
        json.Append($"  \"direct\": {{\"input\": {Pair(g.Input)}, \"kernel\": {Pair(g.Kernel)}, \"stride\": {Pair(g.Stride)}, ")
            .Append($"\"padding\": {Pair(g.Padding)}, \"padding_end\": {Pair(g.PaddingEnd)}, \"dilation\": {Pair(g.Dilation)}, \"output\": {Pair(g.Output)}}},\n");
        json.Append($"  \"output_padding\": {Pair(figure.IsTransposed ? g.OutputPadding : new Size2(0, 0))},\n");
        json.Append($"  \"input\": {Pair(animation.Input)},\n");
        json.Append($"  \"output\": {Pair(animation.Output)},\n");
        if (animation.Channels is { } channels) json.Append($"  \"channels\": {{\"in\": {channels.Channels.In}, \"out\": {channels.Channels.Out}, \"groups\": {channels.Channels.Groups}}},\n");
        json.Append("  \"grid\": [\n");
        var rows = GridRows(animation.Grid);
        json.AppendJoin(",\n", rows.Select(row => $"    {Text(row)}")).Append("\n  ],\n");
        // The matrix view adds C and, per frame, the line of C (or Cᵀ) that computes its output cell.
        var matrix = figure.View == View.Matrix ? ConvolutionMatrix.Of(g) : null;
        if (matrix is not null) Append(json, matrix);
        var line = figure.IsTransposed ? "matrix_column" : "matrix_row";
        json.Append("  \"frames\": [\n");
        if (animation.Channels is { } multi)
        {
            json.AppendJoin(",\n", multi.Frames.Select(f => $"    {{\"output_channel\": {f.OutputChannel}, \"input_channels\": [{string.Join(", ", f.InputChannels)}], " +
                $"\"output\": {Point(f.Frame.Output)}, \"taps\": [{string.Join(", ", f.Frame.Taps.Select(Point))}]}}"));
        }
        else
        {
            json.AppendJoin(",\n", animation.Frames.Select(f =>
                $"    {{\"output\": {Point(f.Output)}, \"taps\": [{string.Join(", ", f.Taps.Select(Point))}]" +
                (matrix is null ? "" : $", \"{line}\": {ConvolutionMatrix.LineOf(animation, f)}") + "}"));
        }
        json.Append("\n  ]");
        if (animation.Channels?.Values is { } stacked)
        {
            json.Append(",\n  \"values\": {\n");
            json.Append($"    \"grid\": [{string.Join(", ", stacked.Grid.Select(Matrix))}],\n");
            json.Append($"    \"kernel\": {(stacked.Kernel is null ? "null" : $"[{string.Join(", ", stacked.Kernel.Select(k => $"[{string.Join(", ", k.Select(Matrix))}]"))}]")},\n");
            json.Append($"    \"output\": [{string.Join(", ", stacked.Output.Select(Matrix))}]\n  }}");
        }
        if (animation.Values is { } values)
        {
            json.Append(",\n  \"values\": {\n");
            json.Append($"    \"grid\": {Matrix(values.Grid)},\n");
            json.Append($"    \"kernel\": {(values.Kernel is null ? "null" : Matrix(values.Kernel))},\n");
            json.Append($"    \"output\": {Matrix(values.Output)}\n  }}");
        }
        json.Append("\n}\n");
        return json.ToString();
    }

    /// <summary>The grid as text, top row first: x input, p padding, z inserted zero.</summary>
    public static IReadOnlyList<string> GridRows(CellKind[,] grid) =>
        Enumerable.Range(0, grid.GetLength(0))
            .Select(r => new string(Enumerable.Range(0, grid.GetLength(1)).Select(c => Symbol(grid[r, c])).ToArray()))
            .ToList();

    private static char Symbol(CellKind kind) => kind switch
    {
        CellKind.Input => 'x',
        CellKind.InsertedZero => 'z',
        _ => 'p',
    };

    /// <summary>C's shape and its non-zero entries [row, col, kr, kc], ten a line.</summary>
    private static void Append(StringBuilder json, ConvolutionMatrix matrix)
    {
        json.Append($"  \"matrix\": {{\"shape\": [{matrix.Shape.Rows}, {matrix.Shape.Cols}], \"entries\": [");
        var entries = matrix.Entries.Select(e => $"[{e.Row}, {e.Col}, {e.KernelRow}, {e.KernelCol}]").Chunk(10).Select(line => string.Join(", ", line)).ToList();
        if (entries.Count > 0) json.Append("\n    ").AppendJoin(",\n    ", entries).Append("\n  ");
        json.Append("]},\n");
    }

    private static string Text(string value) => JsonSerializer.Serialize(value);

    private static string Pair(Size2 size) => $"[{size.Rows}, {size.Cols}]";

    private static string Point(Cell cell) => $"[{cell.Row}, {cell.Col}]";

    private static string Matrix(double[,] matrix) =>
        "[" + string.Join(", ", Enumerable.Range(0, matrix.GetLength(0)).Select(r =>
            "[" + string.Join(", ", Enumerable.Range(0, matrix.GetLength(1)).Select(c => Number(matrix[r, c]))) + "]")) + "]";

    // JSON has no Infinity or NaN; the reader keeps values finite, and this keeps the document JSON whatever comes.
    private static string Number(double value) =>
        double.IsFinite(value) ? (value == 0 ? 0 : value).ToString("R", CultureInfo.InvariantCulture) : "null";
}
