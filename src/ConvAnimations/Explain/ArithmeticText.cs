using System.Text;
using ConvAnimations.Arithmetic;
using ConvAnimations.Layout;
using ConvAnimations.Spec;

namespace ConvAnimations.Explain;

/// <summary>
/// The arithmetic of a laid-out figure in words and formulas, with the guide's relationship that applies, as
/// <c>explain</c> prints it; its view says what its frames are and what it adds.
/// </summary>
public static class ArithmeticText
{
    /// <param name="frames">What the frames are ("9 frames (one per output cell, ...)").</param>
    /// <param name="maps">A line about the feature maps, for a figure of several.</param>
    public static string Describe(Animation animation, string frames, string? maps = null)
    {
        var figure = animation.Figure;
        var g = figure.Geometry;
        var text = new StringBuilder();
        text.AppendLine($"{figure.Name}: {figure.Title}");
        text.AppendLine($"kind: {figure.Kind.Name}{(figure.IsTransposed ? " (drawn as the equivalent stride-1 convolution)" : "")}");
        foreach (var (axis, label) in g.DistinctAxes)
        {
            var indent = label.Length > 0 ? "  " : "";
            if (label.Length > 0) text.AppendLine($"{label}:");
            var padding = axis.IsSymmetric ? $"p = {axis.Padding}" : $"p = {axis.Padding} before, {axis.PaddingEnd} after";
            text.AppendLine($"{indent}{figure.Kind.Operation}: i = {axis.Input}, k = {axis.Kernel}, s = {axis.Stride}, {padding}, d = {axis.Dilation}");
            if (PaddingWordText(figure, label, axis) is { } word) text.AppendLine($"{indent}  padding: {word}");
            text.AppendLine($"{indent}  {Formulas.DirectOutput(axis)}");
            if (!figure.IsTransposed)
            {
                text.AppendLine($"{indent}  {Formulas.DirectRelationship(axis, figure.IsPooling)}");
                continue;
            }
            text.AppendLine($"{indent}transposed: i' = o = {axis.Output}, a = (i + 2p - d(k-1) - 1) mod s = {axis.OutputPadding}, p' = d(k-1) - p = {axis.TransposedPadding}");
            text.AppendLine($"{indent}  {Formulas.TransposedOutput(axis)}");
            text.AppendLine($"{indent}  {Formulas.TransposedRelationship(axis)}");
            text.AppendLine($"{indent}  grid: {axis.Output} cells with {axis.Stride - 1} zero(s) between neighbours = {axis.StretchedOutput}, " +
                            $"padded by p' = {axis.TransposedPadding} before and p' + a = {axis.TransposedPadding + axis.OutputPadding} after = {axis.TransposedGrid}");
        }
        if (maps is not null) text.AppendLine(maps);
        text.AppendLine($"input {animation.Input.Dimensions}, output {animation.Output.Dimensions}, {frames}");
        text.Append(PlayLine(figure));
        var grid = GridRows(animation.Grid);
        text.AppendLine($"grid {grid.Count}x{(grid.Count > 0 ? grid[0].Length : 0)} (x input, p padding, z inserted zero):");
        foreach (var row in grid) text.AppendLine($"  {row}");
        return text.ToString();
    }

    /// <summary>What the padding word of an axis means, with its numbers: which of TensorFlow's SAME and the guide's half it is.</summary>
    private static string? PaddingWordText(Figure figure, string label, Axis axis) =>
        (label == "cols" ? figure.PaddingWords.Cols : figure.PaddingWords.Rows) switch
        {
            PaddingWord.Same => Formulas.SamePadding(axis),
            PaddingWord.Half => Formulas.HalfPadding(axis),
            _ => null,
        };

    /// <summary>The frames of a figure that computes one output cell a frame.</summary>
    public static string CellFrames(Figure figure, string each = "") =>
        $"{Played(figure)}{Plural.Of(figure.View.FrameCount(figure), "frame")} (one per output cell{each}, row-major from the top-left)";

    /// <summary>"6 of ", with what play: chose at the end of the line; empty when it shows every frame.</summary>
    private static string Played(Figure figure) => figure.Play is { } play ? $"{play.Frames.Count} of " : "";

    /// <summary>What play: chose, on a line of its own (empty when it shows every frame).</summary>
    public static string PlayLine(Figure figure) => figure.Play is { } play ? $"{play.Describe()}\n" : "";

    /// <summary>The frames of one of the paper's diagrams.</summary>
    public const string Diagram = "1 frame (a diagram)";

    /// <summary>The size formula of the map a figure fills, per axis ("rows: ..." and "cols: ..." when they differ).</summary>
    public static IReadOnlyList<string> OutputFormulas(Figure figure) => figure.Kind.IsDense
        ? [$"m = {figure.AnimatedOutput.Cols} output units, each joined to all n = {figure.AnimatedInput.Cols} input units: n·m = {figure.AnimatedInput.Cols * figure.AnimatedOutput.Cols} weights"]
        : figure.Geometry.DistinctAxes.Select(x => (x.Label.Length > 0 ? $"{x.Label}: " : "") + (figure.IsTransposed ? Formulas.TransposedOutput(x.Axis) : Formulas.DirectOutput(x.Axis))).ToList();

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
}
