using ConvAnimations.Arithmetic;

namespace ConvAnimations.Spec;

/// <summary>How a kind combines the inputs under its window into one output.</summary>
public enum Reduction
{
    /// <summary>Each input times the weight of its tap, summed (cross-correlation, as frameworks compute it).</summary>
    WeightedSum,

    /// <summary>The largest input; padding takes no part (frameworks pad with minus infinity).</summary>
    Maximum,

    /// <summary>The mean of every tap, padding counted as zeros (PyTorch's default count_include_pad=True).</summary>
    Mean,
}

/// <summary>
/// A framework's layer for a kind (PyTorch's) and the arguments it takes besides kernel_size, stride and padding.
/// </summary>
/// <param name="Channels">It takes in_channels, out_channels and groups, and has a weight.</param>
/// <param name="Dilation">It takes dilation.</param>
/// <param name="OutputPadding">It takes output_padding.</param>
/// <param name="Options">Arguments written after the others, as they are.</param>
public sealed record FrameworkLayer(string Name, bool Channels, bool Dilation, bool OutputPadding, string Options);

/// <summary>
/// An operation a figure draws, as data the views ask: its name in figures.yaml, whether it is drawn as the
/// transpose's equivalent convolution, how it combines its window, what its window is called, and its framework layer.
/// </summary>
public sealed class Kind
{
    public static readonly Kind Convolution = new("convolution", transposed: false, Reduction.WeightedSum,
        new FrameworkLayer("nn.Conv2d", Channels: true, Dilation: true, OutputPadding: false, "bias=False, dtype=torch.float64"));

    public static readonly Kind Transposed = new("transposed", transposed: true, Reduction.WeightedSum,
        new FrameworkLayer("nn.ConvTranspose2d", Channels: true, Dilation: true, OutputPadding: true, "bias=False, dtype=torch.float64"));

    public static readonly Kind MaxPooling = new("max_pooling", transposed: false, Reduction.Maximum,
        new FrameworkLayer("nn.MaxPool2d", Channels: false, Dilation: true, OutputPadding: false, ""));

    public static readonly Kind AveragePooling = new("average_pooling", transposed: false, Reduction.Mean,
        new FrameworkLayer("nn.AvgPool2d", Channels: false, Dilation: false, OutputPadding: false, "count_include_pad=True"));

    /// <summary>
    /// A dense layer (the slides' "NN" beside the "CNN"): n input units, m output units, every input joined to every
    /// output by a weight of its own; no kernel, stride or padding. Its window is the whole input.
    /// </summary>
    public static readonly Kind FullyConnected = new("fully_connected", transposed: false, Reduction.WeightedSum,
        new FrameworkLayer("nn.Linear", Channels: false, Dilation: false, OutputPadding: false, "bias=False, dtype=torch.float64"), dense: true);

    /// <summary>Every kind, in the order figures.yaml documents them.</summary>
    public static IReadOnlyList<Kind> All { get; } = [Convolution, Transposed, MaxPooling, AveragePooling, FullyConnected];

    private Kind(string name, bool transposed, Reduction reduction, FrameworkLayer pytorch, bool dense = false) =>
        (Name, IsTransposed, Reduction, PyTorch, IsDense) = (name, transposed, reduction, pytorch, dense);

    /// <summary>The word of figures.yaml: convolution, transposed, max_pooling, average_pooling.</summary>
    public string Name { get; }

    /// <summary>Drawn as its equivalent stride-1 convolution over the transposed input with zeros inserted.</summary>
    public bool IsTransposed { get; }

    public Reduction Reduction { get; }

    public FrameworkLayer PyTorch { get; }

    /// <summary>Fully connected: sized by its units (<c>input: n</c>, <c>output: m</c>), with n·m weights and no kernel to slide.</summary>
    public bool IsDense { get; }

    /// <summary>Pooling has no weights: it keeps each map apart and combines its window by max or mean.</summary>
    public bool IsPooling => Reduction != Reduction.WeightedSum;

    /// <summary>What its window is: "kernel", or "pooling window".</summary>
    public string Window => IsPooling ? "pooling window" : "kernel";

    /// <summary>What one axis of it is called in <c>explain</c>: the direct convolution, or the pooling window.</summary>
    public string Operation => IsPooling ? "pooling window" : IsDense ? "fully connected layer" : "direct convolution";

    /// <summary>The map it animates as input: for a transposed figure, the direct output.</summary>
    public Size2 AnimatedInput(Geometry geometry) => IsTransposed ? geometry.Output : geometry.Input;

    /// <summary>The map it fills frame by frame: for a transposed figure, the direct input.</summary>
    public Size2 AnimatedOutput(Geometry geometry) => IsTransposed ? geometry.Input : geometry.Output;

    /// <summary>The grid its window slides over: the padded input, or the transpose's stretched and padded input.</summary>
    public Size2 Grid(Geometry geometry) => IsTransposed ? geometry.TransposedGrid : geometry.PaddedInput;

    /// <summary>
    /// One output from the values under the window's taps (<paramref name="inside"/>: whether a tap lies on the input
    /// rather than padding) and, for a weighted sum, the kernel's weights in the same order.
    /// </summary>
    public double Apply(ReadOnlySpan<double> values, ReadOnlySpan<bool> inside, ReadOnlySpan<double> weights)
    {
        switch (Reduction)
        {
            case Reduction.Maximum:
                var max = double.NegativeInfinity;
                for (var i = 0; i < values.Length; i++)
                {
                    if (inside[i]) max = Math.Max(max, values[i]);
                }
                return double.IsNegativeInfinity(max) ? 0 : max;
            case Reduction.Mean:
                var total = 0.0;
                foreach (var v in values) total += v;
                return total / values.Length;
            default:
                var sum = 0.0;
                for (var i = 0; i < values.Length; i++) sum += weights[i] * values[i];
                return sum;
        }
    }

    /// <summary>
    /// How one output of a pooling kind is computed, written with its inputs: "max(3, 1, 2)" (the inputs on the input
    /// only) or "(3 + 1 + 0 + 2) / 4".
    /// </summary>
    public string PoolingFormula(IReadOnlyList<(string Value, bool Inside)> taps) => Reduction == Reduction.Maximum
        ? $"max({string.Join(", ", taps.Where(t => t.Inside).Select(t => t.Value))})"
        : $"({string.Join(" + ", taps.Select(t => t.Value))}) / {taps.Count}";

    public static Kind? Parse(string name) => All.FirstOrDefault(k => k.Name == name);

    public override string ToString() => Name;
}
