using System.Text;
using ConvAnimations.Spec;

namespace ConvAnimations.Arithmetic;

/// <summary>The arithmetic of a figure in words and formulas, with the guide's relationship that applies.</summary>
public static class Explanation
{
    public static string Describe(Figure figure, IReadOnlyList<string> grid)
    {
        var g = figure.Geometry;
        var text = new StringBuilder();
        text.AppendLine($"{figure.Name}: {figure.Title}");
        text.AppendLine($"kind: {Figure.KindName(figure.Kind)}{(figure.IsTransposed ? " (drawn as the equivalent stride-1 convolution)" : "")}");
        foreach (var (axis, label) in g.DistinctAxes)
        {
            var indent = label.Length > 0 ? "  " : "";
            if (label.Length > 0) text.AppendLine($"{label}:");
            var words = figure.IsPooling ? "pooling window" : "direct convolution";
            var padding = axis.IsSymmetric ? $"p = {axis.Padding}" : $"p = {axis.Padding} before, {axis.PaddingEnd} after";
            text.AppendLine($"{indent}{words}: i = {axis.Input}, k = {axis.Kernel}, s = {axis.Stride}, {padding}, d = {axis.Dilation}");
            text.AppendLine($"{indent}  {DirectOutput(axis)}");
            if (!figure.IsTransposed)
            {
                text.AppendLine($"{indent}  {DirectRelationship(axis, figure.IsPooling)}");
                continue;
            }
            text.AppendLine($"{indent}transposed: i' = o = {axis.Output}, a = (i + 2p - d(k-1) - 1) mod s = {axis.OutputPadding}, p' = d(k-1) - p = {axis.TransposedPadding}");
            text.AppendLine($"{indent}  {TransposedOutput(axis)}");
            text.AppendLine($"{indent}  {TransposedRelationship(axis)}");
            text.AppendLine($"{indent}  grid: {axis.Output} cells with {axis.Stride - 1} zero(s) between neighbours = {axis.StretchedOutput}, " +
                            $"padded by p' = {axis.TransposedPadding} before and p' + a = {axis.TransposedPadding + axis.OutputPadding} after = {axis.TransposedGrid}");
        }
        if (figure.Channels.IsMulti) text.AppendLine(Channels(figure));
        var each = figure.Channels.IsMulti ? $" of each of the {figure.Channels.Out} output maps in turn" : "";
        var frames = figure.View is View.Hops or View.Subsampling ? "1 frame (a diagram)"
            : $"{Plural.Of(figure.FrameCount, "frame")} (one per output cell{each}, row-major from the top-left)";
        text.AppendLine($"input {figure.AnimatedInput.Rows}x{figure.AnimatedInput.Cols}, output {figure.AnimatedOutput.Rows}x{figure.AnimatedOutput.Cols}, {frames}");
        text.AppendLine($"grid {grid.Count}x{(grid.Count > 0 ? grid[0].Length : 0)} (x input, p padding, z inserted zero):");
        foreach (var row in grid) text.AppendLine($"  {row}");
        return text.ToString();
    }

    /// <summary>What the maps of a multi-channel figure are and which input maps each output map reads.</summary>
    private static string Channels(Figure figure)
    {
        var c = figure.Channels;
        var k = figure.Geometry.Kernel;
        if (figure.IsPooling) return $"channels: {c.In} maps, each pooled on its own into its output map (groups = {c.Groups})";
        var weight = figure.IsTransposed ? $"{c.In}x{c.OutPerGroup}x{k.Rows}x{k.Cols}" : $"{c.Out}x{c.InPerGroup}x{k.Rows}x{k.Cols}";
        var reads = c.Groups == 1 ? $"every output map sums all {c.In} input maps"
            : c.Groups == c.In ? "depthwise: each output map reads one input map"
            : $"{c.Groups} groups: each output map sums the {c.InPerGroup} input maps of its group";
        return $"channels: in {c.In}, out {c.Out}, groups {c.Groups}: {reads}, each through its own {k.Rows}x{k.Cols} kernel (weight {weight})";
    }

    /// <summary>The output size of one axis of the direct operation, formula and numbers.</summary>
    public static string DirectOutput(Axis a) => a.IsSymmetric
        ? $"o = floor((i + 2p - d(k-1) - 1)/s) + 1 = floor(({a.Input} + {2 * a.Padding} - {a.EffectiveKernel - 1} - 1)/{a.Stride}) + 1 = {a.Output}"
        : $"o = floor((i + p + p_end - d(k-1) - 1)/s) + 1 = floor(({a.Input} + {a.Padding} + {a.PaddingEnd} - {a.EffectiveKernel - 1} - 1)/{a.Stride}) + 1 = {a.Output}";

    /// <summary>The output size of one axis of the transpose (the direct input), formula and numbers.</summary>
    public static string TransposedOutput(Axis a) =>
        $"o' = s(i' - 1) + a + d(k-1) + 1 - 2p = {a.Stride}*{a.Output - 1} + {a.OutputPadding} + {a.EffectiveKernel - 1} + 1 - {2 * a.Padding} = {a.Input}";

    /// <summary>The size formula of the map a figure fills, per axis ("rows: ..." and "cols: ..." when they differ).</summary>
    public static IReadOnlyList<string> OutputFormulas(Figure figure) =>
        figure.Geometry.DistinctAxes.Select(x => (x.Label.Length > 0 ? $"{x.Label}: " : "") + (figure.IsTransposed ? TransposedOutput(x.Axis) : DirectOutput(x.Axis))).ToList();

    /// <summary>The relationship of the guide (section 2 to 5) that this axis is an instance of.</summary>
    public static string DirectRelationship(Axis a, bool pooling)
    {
        if (!a.IsSymmetric) return "uneven padding (TensorFlow's SAME with an even kernel, causal): o = floor((i + p + p_end - d(k-1) - 1)/s) + 1";
        if (a.Dilation > 1) return "relationship 15 (dilated): o = floor((i + 2p - k - (k-1)(d-1))/s) + 1";
        if (pooling && a.Padding == 0) return "relationship 7 (pooling): o = floor((i - k)/s) + 1";
        if (a.Stride == 1)
        {
            if (a.Padding == 0) return "relationship 1 (no padding, unit strides): o = (i - k) + 1";
            if (a.Kernel % 2 == 1 && a.Padding == (a.Kernel - 1) / 2) return "relationship 3 (half padding, unit strides): o = i";
            if (a.Padding == a.Kernel - 1) return "relationship 4 (full padding, unit strides): o = i + (k - 1)";
            return "relationship 2 (zero padding, unit strides): o = (i - k) + 2p + 1";
        }
        return a.Padding == 0
            ? "relationship 5 (no padding, non-unit strides): o = floor((i - k)/s) + 1"
            : "relationship 6 (zero padding, non-unit strides): o = floor((i + 2p - k)/s) + 1";
    }

    public static string TransposedRelationship(Axis a)
    {
        if (a.Dilation > 1) return "dilated transpose (ConvTranspose2d): o' = (i' - 1)s - 2p + d(k-1) + a + 1";
        if (a.Stride == 1)
        {
            if (a.Padding == 0) return "relationship 8 (no padding, unit strides, transposed): o' = i' + (k - 1)";
            if (a.Kernel % 2 == 1 && a.Padding == (a.Kernel - 1) / 2) return "relationship 10 (half padding, transposed): o' = i'";
            if (a.Padding == a.Kernel - 1) return "relationship 11 (full padding, transposed): o' = i' - (k - 1)";
            return "relationship 9 (zero padding, unit strides, transposed): o' = i' + (k - 1) - 2p";
        }
        if (a.OutputPadding == 0)
        {
            return a.Padding == 0
                ? "relationship 12 (no padding, non-unit strides, transposed): o' = s(i' - 1) + k"
                : "relationship 13 (padding, non-unit strides, transposed): o' = s(i' - 1) + k - 2p";
        }
        return "relationship 14 (padding, non-unit strides, transposed, odd): o' = s(i' - 1) + a + k - 2p";
    }
}
