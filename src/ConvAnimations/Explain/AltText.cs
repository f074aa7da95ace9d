using System.Globalization;
using ConvAnimations.Arithmetic;
using ConvAnimations.Layout;
using ConvAnimations.Spec;

namespace ConvAnimations.Explain;

/// <summary>
/// A figure's alt text, written from its arithmetic: one or two plain sentences a screen reader reads in place of the
/// picture ("A 3×3 kernel slides with stride 2 over a 5×5 input padded by 1 on each side, giving a 3×3 output; each
/// frame highlights one output cell and the 9 cells it sums."). Views add what they draw besides.
/// </summary>
public static class AltText
{
    /// <summary>Numbers are read out when the output has at most this many cells.</summary>
    public const int MaxOutputsRead = 36;

    /// <summary>The sliding window of a figure, what it gives, and what each frame shows.</summary>
    /// <param name="frames">What each frame highlights, when not one output cell and the cells it combines.</param>
    public static string Sliding(Figure figure, string? frames = null)
    {
        var g = figure.Geometry;
        var kind = figure.Kind;
        var window = $"{Area(g.Kernel)} {kind.Window}{Dilated(g)}";
        var each = frames ?? $"each frame highlights one output cell and the {g.Kernel.Area} cells it {Combines(kind)}";
        if (!figure.IsTransposed)
        {
            return $"{Capital(Article(window))} slides{Stride(g.Stride)} over {Article(Area(g.Input))} input{Padded(g.Padding, g.PaddingEnd)}, " +
                   $"giving {Article(Area(g.Output))} output; {each}.";
        }
        var zeros = g.Stride.Rows > 1 || g.Stride.Cols > 1 ? $" gets {Count(Minus(g.Stride, 1), "zero")} inserted between neighbouring cells and" : "";
        var grid = Padded(g.TransposedPadding, new Size2(g.TransposedPadding.Rows + g.OutputPadding.Rows, g.TransposedPadding.Cols + g.OutputPadding.Cols));
        var spread = zeros.Length == 0 && grid.Length == 0 ? " is used as it is (no padding)" : $"{zeros}{(grid.Length > 0 ? $" is{grid}" : "")}";
        var padding = g.Padding.Rows > 0 || g.Padding.Cols > 0 ? $" {(Stride(g.Stride).Length > 0 ? "and" : "with")} padding {g.PaddingText}" : "";
        return $"The transposed convolution of {Article(window)}{Stride(g.Stride)}{padding}, drawn as a direct convolution: " +
               $"the {Area(figure.AnimatedInput)} input{spread}, and the kernel slides over it one cell at a time, " +
               $"giving {Article(Area(figure.AnimatedOutput))} output; {each}.";
    }

    /// <summary>The sentence that reads out a numerical figure's output (none when it is too large to read).</summary>
    public static string Numbers(Figure figure, double[,] output)
    {
        if (output.Length > MaxOutputsRead) return "";
        var rows = Enumerable.Range(0, output.GetLength(0))
            .Select(r => string.Join(", ", Enumerable.Range(0, output.GetLength(1)).Select(c => figure.Look.Format(output[r, c]))));
        return $" Each cell shows its number; the output, row by row: {string.Join("; ", rows)}.";
    }

    /// <summary>A chain of layers: its maps' names and sizes, how they are <paramref name="drawn"/>, then what its <paramref name="frames"/> show.</summary>
    public static string Chain(ChainLayout chain, string drawn, string frames)
    {
        string Shape(int m) => chain.Shape(m).Replace('x', '×');
        // Titles may hold commas: the maps apart by semicolons.
        var maps = string.Join("; ", Enumerable.Range(1, chain.Count).Select(m => $"{chain.Title(m)} ({Shape(m)})"));
        var order = chain.SeveralMaps ? " (maps × rows × columns)" : "";
        return $"A chain of {Plural.Of(chain.Count, "layer")} {drawn}: {Article(Shape(0))} input{order}, then {maps}.{(frames.Length > 0 ? " " + frames : "")}";
    }

    /// <summary>"3×3", "1×9".</summary>
    public static string Area(Size2 size) => $"{Text(size.Rows)}×{Text(size.Cols)}";

    /// <summary>"a 3×3 kernel", "an 8×8 input", "an 11×11 input".</summary>
    public static string Article(string noun) =>
        (noun.StartsWith('8') || noun.StartsWith("11×", StringComparison.Ordinal) || noun.StartsWith("18×", StringComparison.Ordinal) ? "an " : "a ") + noun;

    /// <summary>What a kind does with the cells under its window.</summary>
    public static string Combines(Kind kind) => kind.Reduction switch
    {
        Reduction.Maximum => "takes the maximum of",
        Reduction.Mean => "averages",
        _ => "sums",
    };

    private static string Dilated(Geometry g) =>
        g.Dilation is { Rows: 1, Cols: 1 } ? "" : $" dilated by {g.Dilation} (its taps {g.Dilation} cells apart, spanning {Area(g.EffectiveKernel)})";

    private static string Stride(Size2 stride) => stride is { Rows: 1, Cols: 1 } ? "" : $" with stride {stride}";

    /// <summary>" padded by 1 on each side", " padded by 1 at the top and left and 2 at the bottom and right", or nothing.</summary>
    private static string Padded(Size2 before, Size2 after)
    {
        if (before == after) return before is { Rows: 0, Cols: 0 } ? "" : $" padded by {before} on each side";
        if (before.IsSquare && after.IsSquare) return $" padded by {before.Rows} at the top and left and {after.Rows} at the bottom and right";
        return $" padded by {before.Rows} at the top, {after.Rows} at the bottom, {before.Cols} at the left and {after.Cols} at the right";
    }

    private static Size2 Minus(Size2 size, int n) => new(size.Rows - n, size.Cols - n);

    /// <summary>"1 zero", "2 zeros", "1x2 zeros" (rows x columns).</summary>
    private static string Count(Size2 n, string noun) => n is { IsSquare: true, Rows: 1 } ? $"1 {noun}" : $"{n} {noun}s";

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}
