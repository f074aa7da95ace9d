using System.Globalization;
using System.Text;
using ConvAnimations.Arithmetic;
using ConvAnimations.Layout;
using ConvAnimations.Spec;

namespace ConvAnimations.Explain;

/// <summary>
/// <c>explain --pytorch</c>: a short PyTorch program that builds the figure's layer with the same kernel size, stride,
/// padding, dilation (and output_padding for a transposed figure), checks the output shape, and for a numerical
/// figure feeds the figure's input and kernel and checks its output, so a reader can hold the numbers against a
/// framework. Every padding the figure language has is written the way PyTorch takes it: the same on both sides as
/// the layer's <c>padding</c>, PyTorch's own <c>padding="same"</c> where it means the same cells, and otherwise
/// <c>F.pad</c> before a layer without padding.
/// </summary>
public static class PyTorchProgram
{
    public static string Write(Animation animation)
    {
        var figure = animation.Figure;
        if (figure.Kind.IsDense) return Dense(figure);
        var g = figure.Geometry;
        var (input, output) = (figure.AnimatedInput, figure.AnimatedOutput);
        var channels = figure.Channels;
        var layer = figure.Kind.PyTorch;
        var dilated = g.Dilation != Size2.Square(1);
        // AvgPool2d has no dilation: a convolution of each map alone with equal weights averages the same taps,
        // padding counted as zeros (count_include_pad=True).
        var averageAsConvolution = !layer.Dilation && dilated;
        var padding = Padding.Of(figure, layer, averageAsConvolution);

        var text = new StringBuilder();
        text.AppendLine("import torch");
        if (padding.Pad is not null) text.AppendLine("import torch.nn.functional as F");
        text.AppendLine("from torch import nn");
        text.AppendLine();
        text.AppendLine($"# {figure.Name}: {figure.Kind.Name}, input {input.Dimensions} -> output {output.Dimensions}");
        foreach (var formula in ArithmeticText.OutputFormulas(figure)) text.AppendLine($"# {formula}");
        if (padding.Comment is not null) text.AppendLine($"# {padding.Comment}");
        var common = $"kernel_size={g.Kernel.Python}, stride={g.Stride.Python}, padding={padding.Argument}";
        if (averageAsConvolution)
        {
            text.AppendLine($"# nn.AvgPool2d has no dilation: the same average is a convolution of each map alone with weights 1/{g.Kernel.Area}, dilation {g.Dilation.Python}");
            text.AppendLine($"layer = nn.Conv2d({channels.In}, {channels.In}, {common}, dilation={g.Dilation.Python}, groups={channels.In}, bias=False, dtype=torch.float64)");
            text.AppendLine("with torch.no_grad():");
            text.AppendLine($"    layer.weight.fill_(1 / {g.Kernel.Area})");
        }
        else
        {
            var arguments = new List<string>();
            if (layer.Channels) arguments.Add($"{channels.In}, {channels.Out}");
            arguments.Add(common);
            if (layer.OutputPadding) arguments.Add($"output_padding={g.OutputPadding.Python}");
            if (layer.Dilation) arguments.Add($"dilation={g.Dilation.Python}");
            if (layer.Channels && channels.Groups > 1) arguments.Add($"groups={channels.Groups}");
            if (layer.Options.Length > 0) arguments.Add(layer.Options);
            text.AppendLine($"layer = {layer.Name}({string.Join(", ", arguments)})");
        }

        // One map is the case C_in = C_out = 1: x is (1, C_in, H, W) and the weight in PyTorch's own layout,
        // Conv2d's (C_out, C_in/g, kh, kw), ConvTranspose2d's (C_in, C_out/g, kh, kw); pooling has none.
        string? x = null, weight = null, expected = null;
        if (figure.Values?.Channels is { } stacked && animation.Channels?.Values is { } computedMaps)
        {
            (x, expected) = (Stack(stacked.Input), Stack(computedMaps.Output));
            if (stacked.Weight is { } weights) weight = $"[{string.Join(", ", weights.Select(Stack))}]";
        }
        else if (!channels.IsMulti && figure.Values is { } values && animation.Values is { } computed)
        {
            (x, expected) = (Matrix(values.Input), Matrix(computed.Output));
            if (values.Kernel is { } kernel) weight = Matrix(kernel);
        }
        if (x is not null)
        {
            text.AppendLine($"x = torch.tensor({x}, dtype=torch.float64).reshape(1, {channels.In}, {input.Rows}, {input.Cols})");
            if (weight is not null)
            {
                // Frameworks store the direct kernel, also for ConvTranspose2d: no rotation here.
                var (first, second) = figure.IsTransposed ? (channels.In, channels.OutPerGroup) : (channels.Out, channels.InPerGroup);
                text.AppendLine("with torch.no_grad():");
                text.AppendLine($"    layer.weight.copy_(torch.tensor({weight}, dtype=torch.float64).reshape({first}, {second}, {g.Kernel.Rows}, {g.Kernel.Cols}))");
            }
            text.AppendLine($"expected = torch.tensor({expected}, dtype=torch.float64)");
        }
        else
        {
            text.AppendLine($"x = torch.zeros(1, {channels.In}, {input.Rows}, {input.Cols}, dtype=torch.float64)");
        }
        text.AppendLine(padding.Pad is { } pad ? $"y = layer({pad})" : "y = layer(x)");
        text.AppendLine($"assert y.shape == (1, {channels.Out}, {output.Rows}, {output.Cols}), y.shape");
        if (figure.Values is not null)
        {
            var y = channels.IsMulti ? "y[0]" : "y[0, 0]";
            text.AppendLine($"print({y})");
            text.AppendLine($"assert torch.allclose({y}, expected), expected");
        }
        return text.ToString();
    }

    /// <summary>
    /// A fully connected layer: nn.Linear of n inputs and m outputs, a weight an edge (n·m of them), and every output
    /// depending on every input (its Jacobian has no zero, with random weights).
    /// </summary>
    private static string Dense(Figure figure)
    {
        var (n, m) = (figure.AnimatedInput.Cols, figure.AnimatedOutput.Cols);
        var layer = figure.Kind.PyTorch;
        return $"""
            import torch
            from torch import nn

            # {figure.Name}: {figure.Kind.Name}, {n} input units -> {m} output units, every input joined to every output
            layer = {layer.Name}({n}, {m}, {layer.Options})
            assert layer.weight.numel() == {n} * {m}, layer.weight.shape  # a weight an edge: n·m
            x = torch.rand(1, {n}, dtype=torch.float64)
            y = layer(x)
            assert y.shape == (1, {m}), y.shape
            assert (torch.autograd.functional.jacobian(layer, x) != 0).all()  # each output reads every input

            """;
    }

    /// <summary>
    /// How the figure's padding reaches PyTorch: the layer's <c>padding</c> argument, and when the sides differ either
    /// PyTorch's <c>"same"</c> (a convolution of stride 1 whose sides are d(k-1) split with the odd cell after) or an
    /// <c>F.pad</c> of the input (minus infinity for max pooling, which never takes padding) before a layer of none.
    /// </summary>
    private sealed record Padding(string Argument, string? Pad, string? Comment)
    {
        public static Padding Of(Figure figure, FrameworkLayer layer, bool averageAsConvolution)
        {
            var g = figure.Geometry;
            if (g.IsSymmetric) return new Padding(g.Padding.Python, null, null);
            var convolution = figure.Kind == Kind.Convolution || averageAsConvolution;
            if (convolution && IsPyTorchSame(g.Rows) && IsPyTorchSame(g.Cols))
            {
                return new Padding("\"same\"", null, $"the figure pads {g.PaddingText}: PyTorch's padding=\"same\" pads the same cells (d(k-1) split in two, the odd cell after)");
            }
            var value = figure.Kind.Reduction == Reduction.Maximum ? ", value=float(\"-inf\")" : "";
            var pad = $"F.pad(x, ({g.Cols.Padding}, {g.Cols.PaddingEnd}, {g.Rows.Padding}, {g.Rows.PaddingEnd}){value})";
            var how = value.Length > 0 ? "minus infinity, as max pooling pads" : "zeros";
            return new Padding(Size2.Square(0).Python, pad,
                $"the figure pads {g.PaddingText}; {layer.Name} pads both sides of an axis alike, so F.pad adds the sides ({how}) and the layer pads none");
        }

        private static bool IsPyTorchSame(Axis a)
        {
            var total = a.Dilation * (a.Kernel - 1);
            return a.Stride == 1 && a.Padding == total / 2 && a.PaddingEnd == total - total / 2;
        }
    }

    private static string Stack(IEnumerable<double[,]> maps) => $"[{string.Join(", ", maps.Select(Matrix))}]";

    private static string Matrix(double[,] m) =>
        "[" + string.Join(", ", Enumerable.Range(0, m.GetLength(0)).Select(r =>
            "[" + string.Join(", ", Enumerable.Range(0, m.GetLength(1)).Select(c => m[r, c].ToString("R", CultureInfo.InvariantCulture))) + "]")) + "]";
}
