using ConvAnimations.Arithmetic;
using ConvAnimations.Spec;

namespace ConvAnimations.Explain;

/// <summary>The sides <c>F.pad</c> adds before a layer, (left, right, top, bottom), and its value argument (empty for zeros).</summary>
public sealed record PyTorchPad(string Sides, string Value);

/// <summary>
/// One operation of the figure language as PyTorch builds it: its module, what its weight is set to after it is made
/// (an average pooling drawn with dilation, which AvgPool2d lacks, is a convolution of weights 1/k²), the padding
/// <c>F.pad</c> adds before it when PyTorch's own cannot (the sides differ), and the comments that say why. Every
/// padding is written the way PyTorch takes it: the same on both sides as the layer's <c>padding</c>, PyTorch's own
/// <c>padding="same"</c> where it means the same cells, and otherwise <c>F.pad</c> before a layer without padding.
/// </summary>
/// <param name="Fill">A call on the module, such as <c>weight.fill_(1 / 9)</c>, or null.</param>
public sealed record PyTorchLayer(string Module, string? Fill, PyTorchPad? Pad, IReadOnlyList<string> Comments)
{
    /// <param name="subject">What pads, in the comments: "the figure", "layer 2".</param>
    /// <param name="padder">What adds the sides PyTorch's layer cannot, in the comments: "F.pad", or the module that calls it.</param>
    public static PyTorchLayer Of(Figure figure, string subject, string padder)
    {
        var g = figure.Geometry;
        var channels = figure.Channels;
        var layer = figure.Kind.PyTorch;
        // AvgPool2d has no dilation: a convolution of each map alone with equal weights averages the same taps,
        // padding counted as zeros (count_include_pad=True).
        var averageAsConvolution = !layer.Dilation && g.Dilation != Size2.Square(1);
        var comments = new List<string>();
        var (argument, pad) = Padding(figure, layer, averageAsConvolution, subject, padder, comments);
        var common = $"kernel_size={g.Kernel.Python}, stride={g.Stride.Python}, padding={argument}";
        if (averageAsConvolution)
        {
            comments.Add($"nn.AvgPool2d has no dilation: the same average is a convolution of each map alone with weights 1/{g.Kernel.Area}, dilation {g.Dilation.Python}");
            return new PyTorchLayer($"nn.Conv2d({channels.In}, {channels.In}, {common}, dilation={g.Dilation.Python}, groups={channels.In}, bias=False, dtype=torch.float64)",
                $"weight.fill_(1 / {g.Kernel.Area})", pad, comments);
        }
        var arguments = new List<string>();
        if (layer.Channels) arguments.Add($"{channels.In}, {channels.Out}");
        arguments.Add(common);
        if (layer.OutputPadding) arguments.Add($"output_padding={g.OutputPadding.Python}");
        if (layer.Dilation) arguments.Add($"dilation={g.Dilation.Python}");
        if (layer.Channels && channels.Groups > 1) arguments.Add($"groups={channels.Groups}");
        if (layer.Options.Length > 0) arguments.Add(layer.Options);
        return new PyTorchLayer($"{layer.Name}({string.Join(", ", arguments)})", null, pad, comments);
    }

    /// <summary>
    /// The layer's <c>padding</c> argument, and when the sides differ either PyTorch's <c>"same"</c> (a convolution of
    /// stride 1 whose sides are d(k-1) split with the odd cell after) or an <c>F.pad</c> of the input (minus infinity for
    /// max pooling, which never takes padding) before a layer of none.
    /// </summary>
    private static (string Argument, PyTorchPad? Pad) Padding(Figure figure, FrameworkLayer layer, bool averageAsConvolution, string subject, string padder, List<string> comments)
    {
        var g = figure.Geometry;
        if (g.IsSymmetric) return (g.Padding.Python, null);
        var convolution = figure.Kind == Kind.Convolution || averageAsConvolution;
        if (convolution && IsPyTorchSame(g.Rows) && IsPyTorchSame(g.Cols))
        {
            comments.Add($"{subject} pads {g.PaddingText}: PyTorch's padding=\"same\" pads the same cells (d(k-1) split in two, the odd cell after)");
            return ("\"same\"", null);
        }
        var value = figure.Kind.Reduction == Reduction.Maximum ? ", value=float(\"-inf\")" : "";
        var how = value.Length > 0 ? "minus infinity, as max pooling pads" : "zeros";
        comments.Add($"{subject} pads {g.PaddingText}; {layer.Name} pads both sides of an axis alike, so {padder} adds the sides ({how}) and the layer pads none");
        return (Size2.Square(0).Python, new PyTorchPad($"({g.Cols.Padding}, {g.Cols.PaddingEnd}, {g.Rows.Padding}, {g.Rows.PaddingEnd})", value));
    }

    /// <summary>PyTorch's padding="same" (stride 1) pads the guide's half padding: d(k-1) split, the odd cell after.</summary>
    private static bool IsPyTorchSame(Axis a) => a.Stride == 1 && (a.Padding, a.PaddingEnd) == Axis.HalfPadding(a.Kernel, a.Dilation);
}
