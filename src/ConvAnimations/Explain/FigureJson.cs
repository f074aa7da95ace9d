using System.Globalization;
using System.Text.Json;
using ConvAnimations.Arithmetic;
using ConvAnimations.Layout;

namespace ConvAnimations.Explain;

/// <summary>
/// The parts of the <c>explain --json</c> document, which each view puts together: members written by hand, one
/// frame a line, so that committed layout snapshots give readable diffs. Every value comes from the
/// <see cref="Animation"/> and its geometry.
/// </summary>
public static class FigureJson
{
    /// <summary>A document of members, in order.</summary>
    public static string Document(IEnumerable<string> members) => "{\n" + string.Join(",\n", members) + "\n}\n";

    public static string Member(string name, string value) => $"  {Text(name)}: {value}";

    /// <summary>A member whose value is a list of one item a line.</summary>
    public static string Lines(string name, IEnumerable<string> items) => $"  {Text(name)}: [\n{string.Join(",\n", items.Select(i => "    " + i))}\n  ]";

    /// <summary>
    /// What every single figure's document opens with: its name and kind, the view when it is asked for by name, the
    /// direct operation per axis, the transpose's output padding, and the maps it animates.
    /// </summary>
    public static IEnumerable<string> Header(Animation animation, string? view)
    {
        var figure = animation.Figure;
        var g = figure.Geometry;
        yield return Member("name", Text(figure.Name));
        yield return Member("kind", Text(figure.Kind.Name));
        if (view is not null) yield return Member("view", Text(view));
        yield return Member("direct", $"{{\"input\": {g.Input.Json}, \"kernel\": {g.Kernel.Json}, \"stride\": {g.Stride.Json}, " +
            $"\"padding\": {g.Padding.Json}, \"padding_end\": {g.PaddingEnd.Json}, \"dilation\": {g.Dilation.Json}, \"output\": {g.Output.Json}}}");
        yield return Member("output_padding", (figure.IsTransposed ? g.OutputPadding : new Size2(0, 0)).Json);
        yield return Member("input", animation.Input.Json);
        yield return Member("output", animation.Output.Json);
    }

    /// <summary>
    /// The frames the figure shows, one a line, from its view's <paramref name="all"/>: those <c>play:</c> chose, then
    /// which they are.
    /// </summary>
    public static IEnumerable<string> Frames(Spec.Figure figure, IEnumerable<string> all)
    {
        if (figure.Play is not { } play)
        {
            yield return Lines("frames", all);
            yield break;
        }
        var list = all.ToList();
        yield return Lines("frames", play.Frames.Select(n => list[n]));
        yield return Played(play);
    }

    /// <summary>What play: chose: as written, of how many frames, which.</summary>
    public static string Played(Spec.Play play) =>
        Member("play", $"{{\"written\": {Text(play.Written)}, \"of\": {play.Of}, \"frames\": [{string.Join(", ", play.Frames)}]}}");

    /// <summary>The grid, a row a line: x input, p padding, z inserted zero.</summary>
    public static string Grid(Animation animation) => Lines("grid", ArithmeticText.GridRows(animation.Grid).Select(Text));

    /// <summary>A frame's output cell and taps, and what a view adds to it (members written as <c>, "name": value</c>).</summary>
    public static string Frame(Frame frame, string extra = "") =>
        $"{{\"output\": {Point(frame.Output)}, \"taps\": [{string.Join(", ", frame.Taps.Select(Point))}]{extra}}}";

    /// <summary>The numbers of a single-map figure, when it has them.</summary>
    public static IEnumerable<string> Values(AnimationValues? values)
    {
        if (values is null) yield break;
        yield return Member("values", "{\n" +
            $"    \"grid\": {Matrix(values.Grid)},\n" +
            $"    \"kernel\": {(values.Kernel is null ? "null" : Matrix(values.Kernel))},\n" +
            $"    \"output\": {Matrix(values.Output)}\n  }}");
    }

    public static string Text(string value) => JsonSerializer.Serialize(value);

    public static string Point(Cell cell) => $"[{cell.Row}, {cell.Col}]";

    public static string Matrix(double[,] matrix) =>
        "[" + string.Join(", ", Enumerable.Range(0, matrix.GetLength(0)).Select(r =>
            "[" + string.Join(", ", Enumerable.Range(0, matrix.GetLength(1)).Select(c => Number(matrix[r, c]))) + "]")) + "]";

    // JSON has no Infinity or NaN; the reader keeps values finite, and this keeps the document JSON whatever comes.
    private static string Number(double value) =>
        double.IsFinite(value) ? (value == 0 ? 0 : value).ToString("R", CultureInfo.InvariantCulture) : "null";
}
