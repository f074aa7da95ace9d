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
        var layer = PyTorchLayer.Of(figure, "the figure", "F.pad");

        var text = new StringBuilder();
        text.AppendLine("import torch");
        if (layer.Pad is not null) text.AppendLine("import torch.nn.functional as F");
        text.AppendLine("from torch import nn");
        text.AppendLine();
        text.AppendLine($"# {figure.Name}: {figure.Kind.Name}, input {input.Dimensions} -> output {output.Dimensions}");
        foreach (var formula in ArithmeticText.OutputFormulas(figure)) text.AppendLine($"# {formula}");
        foreach (var comment in layer.Comments) text.AppendLine($"# {comment}");
        text.AppendLine($"layer = {layer.Module}");
        if (layer.Fill is { } fill)
        {
            text.AppendLine("with torch.no_grad():");
            text.AppendLine($"    layer.{fill}");
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
        text.AppendLine(layer.Pad is { } pad ? $"y = layer(F.pad(x, {pad.Sides}{pad.Value}))" : "y = layer(x)");
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

    private static string Stack(IEnumerable<double[,]> maps) => $"[{string.Join(", ", maps.Select(Matrix))}]";

    private static string Matrix(double[,] m) =>
        "[" + string.Join(", ", Enumerable.Range(0, m.GetLength(0)).Select(r =>
            "[" + string.Join(", ", Enumerable.Range(0, m.GetLength(1)).Select(c => m[r, c].ToString("R", CultureInfo.InvariantCulture))) + "]")) + "]";
}
