using System.Globalization;
using ConvAnimations.Arithmetic;
using static ConvAnimations.Spec.ValueRules;

namespace ConvAnimations.Spec;

/// <summary>
/// The keys of a figure's feature maps, <c>in_channels</c>, <c>out_channels</c> and <c>groups</c> (PyTorch's names and
/// rules), each read on its own, then combined with the kind and the sizes into <see cref="Channels"/>.
/// </summary>
internal sealed record ChannelFields(Field<int> In, Field<int> Out, Field<int> Groups)
{
    /// <summary>The most maps a figure draws on a side: each is a plane of the picture.</summary>
    public const int MaxChannels = 16;

    public static readonly string[] Keys = ["in_channels", "out_channels", "groups"];

    public static ChannelFields Read(KeySource keys) => new(
        keys.Read("in_channels", 1, Count("in_channels")),
        keys.Read("out_channels", 1, Count("out_channels")),
        keys.Read("groups", 1, Count("groups")));

    public bool AllOk => In.Ok && Out.Ok && Groups.Ok;

    private static ValueRule<int> Count(string key) => (RawNode node, Report report, out int value) =>
    {
        if (!Int(node, report, key, out value)) return false;
        if (value < 1)
        {
            report.Error(node, $"{key}: {value} is not allowed: at least 1");
            return false;
        }
        if (value > MaxChannels)
        {
            report.Error(node, $"{key}: {value} is over the limit of {MaxChannels}: a figure draws every feature map as a plane of its own");
            return false;
        }
        return true;
    };

    /// <summary>The figure's channels, or null (reported) when the keys do not fit the kind or each other.</summary>
    public Channels? Resolve(Kind kind, Geometry geometry, RawMap figure, Report report)
    {
        if (!AllOk) return null;
        var (cIn, cOut, groups) = (In.Value, Out.Value, Groups.Value);
        Channels channels;
        if (kind.IsPooling)
        {
            var extra = new[] { (Out, "out_channels"), (Groups, "groups") }.Where(f => f.Item1.Given).ToList();
            foreach (var (field, key) in extra)
            {
                report.Error(field.At!, $"{key}: pooling takes in_channels only: it pools each map on its own, so it has as many output maps as input maps, in as many groups");
            }
            if (extra.Count > 0) return null;
            channels = new Channels(cIn, cIn, cIn);
        }
        else
        {
            var ok = true;
            var at = Groups.At ?? In.At ?? Out.At ?? figure;
            if (cIn % groups != 0)
            {
                report.Error(at, $"groups: in_channels {cIn} is not divisible by groups {groups}: each group reads in_channels/groups input maps (PyTorch's rule)");
                ok = false;
            }
            if (cOut % groups != 0)
            {
                report.Error(Groups.At ?? Out.At ?? at, $"groups: out_channels {cOut} is not divisible by groups {groups}: each group writes out_channels/groups output maps (PyTorch's rule)");
                ok = false;
            }
            if (!ok) return null;
            channels = new Channels(cIn, cOut, groups);
        }
        var cells = (long)kind.AnimatedOutput(geometry).Area;
        if (cells * channels.Out > FigureFileReader.MaxFrames)
        {
            report.Error(Out.At ?? In.At ?? figure, $"the figure has {cells * channels.Out} frames ({cells} output cells on each of {channels.Out} output maps), over the limit of {FigureFileReader.MaxFrames}");
            return null;
        }
        return channels;
    }
}

/// <summary>The <c>values</c> of a multi-channel figure: an input of <c>[C_in][rows][cols]</c> and PyTorch's weight.</summary>
internal static class ChannelValueRules
{
    public static FigureValues? Resolve(ValuesSpec spec, Kind kind, Geometry geometry, Channels channels, Report report)
    {
        var pooling = kind.IsPooling;
        var map = kind.AnimatedInput(geometry);
        int[] inputShape = [channels.In, map.Rows, map.Cols];
        // PyTorch's weight: Conv2d's is [out][in/g][kh][kw], ConvTranspose2d's [in][out/g][kh][kw].
        int[] weightShape = kind.IsTransposed
            ? [channels.In, channels.OutPerGroup, geometry.Kernel.Rows, geometry.Kernel.Cols]
            : [channels.Out, channels.InPerGroup, geometry.Kernel.Rows, geometry.Kernel.Cols];
        var inputName = kind.IsTransposed ? "one transposed input (the direct output o) per input channel" : "one input map per input channel";
        var weightName = kind.IsTransposed ? "ConvTranspose2d's weight: [in_channels][out_channels/groups][kh][kw]" : "Conv2d's weight: [out_channels][in_channels/groups][kh][kw]";
        if (pooling && spec.Kernel is not null)
        {
            report.Error(spec.Kernel, "values.kernel: a pooling figure has no kernel weights, only a window");
            return null;
        }
        if (spec.SeedAt is not null)
        {
            if (spec.Seed is not { } seed || spec.Input is not null || spec.Kernel is not null) return null;
            var random = new SplitMix(seed);
            var drawnInput = Fill(inputShape, () => random.Next(4));
            var drawnWeight = pooling ? null : Fill(weightShape, () => random.Next(3));
            return Values(inputShape, drawnInput, weightShape, drawnWeight);
        }
        if (spec.Input is null) report.Error(spec.At, $"values: needs 'input' ({Shape(inputShape)}: {inputName}) or 'seed'");
        if (!pooling && spec.Kernel is null) report.Error(spec.At, $"values: needs 'kernel' ({Shape(weightShape)}: {weightName}) or 'seed'");
        var input = spec.Input is null ? null : Tensor(spec.Input, "values.input", inputShape, inputName, report);
        var weight = spec.Kernel is null ? null : Tensor(spec.Kernel, "values.kernel", weightShape, weightName, report);
        return input is not null && (pooling || weight is not null) ? Values(inputShape, input, weightShape, weight) : null;
    }

    public static string Shape(IEnumerable<int> shape) => string.Concat(shape.Select(n => $"[{n.ToString(CultureInfo.InvariantCulture)}]"));

    /// <summary>The shape a nested list shows, following its first item at each level.</summary>
    private static List<int> ShapeOf(RawNode node)
    {
        var shape = new List<int>();
        while (node is RawList list)
        {
            shape.Add(list.Items.Count);
            if (list.Items.Count == 0) break;
            node = list.Items[0];
        }
        return shape;
    }

    /// <summary>The numbers of a nested list of <paramref name="shape"/>, row-major; null (reported) when its shape is another.</summary>
    private static double[]? Tensor(RawNode value, string key, int[] shape, string what, Report report)
    {
        var got = ShapeOf(value);
        if (!got.SequenceEqual(shape))
        {
            var written = got.Count == 0 ? RawYaml.Describe(value) : Shape(got);
            report.Error(value, $"{key}: expected {Shape(shape)} ({what}), got {written}");
            return null;
        }
        var numbers = new List<double>();
        return Walk(value, 0, key) ? numbers.ToArray() : null;

        // The first items had the right shape; a later one may not (a ragged list).
        bool Walk(RawNode node, int depth, string path)
        {
            if (depth == shape.Length)
            {
                if (node is not RawScalar)
                {
                    report.Error(node, $"{path}: expected a number, got {RawYaml.Describe(node)} ({key} is {Shape(shape)}: {what})");
                    return false;
                }
                // Wrong numbers were reported by ValuesSpec.Read.
                if (!CellValue(node, report.Muted, key, out var number)) return false;
                numbers.Add(number);
                return true;
            }
            if (node is not RawList list || list.Items.Count != shape[depth])
            {
                var rest = Shape(shape[depth..]);
                var written = node is RawList ? Shape(ShapeOf(node)) : RawYaml.Describe(node);
                report.Error(node, $"{path}: expected {rest}, got {written} ({key} is {Shape(shape)}: {what})");
                return false;
            }
            var ok = true;
            for (var i = 0; i < list.Items.Count; i++) ok &= Walk(list.Items[i], depth + 1, $"{path}[{i}]");
            return ok;
        }
    }

    private static double[] Fill(int[] shape, Func<int> next) => Enumerable.Range(0, shape.Aggregate(1, (a, b) => a * b)).Select(_ => (double)next()).ToArray();

    private static FigureValues Values(int[] inputShape, double[] input, int[] weightShape, double[]? weight)
    {
        var maps = Split(input, inputShape[0], inputShape[1], inputShape[2]);
        var weights = weight is null ? null : Enumerable.Range(0, weightShape[0])
            .Select(a => (IReadOnlyList<double[,]>)Split(weight.AsSpan(a * weightShape[1] * weightShape[2] * weightShape[3]).ToArray(), weightShape[1], weightShape[2], weightShape[3]))
            .ToList();
        return new FigureValues(maps[0], weights?[0][0]) { Channels = new ChannelValues(maps, weights) };
    }

    private static List<double[,]> Split(double[] numbers, int count, int rows, int cols)
    {
        var maps = new List<double[,]>();
        for (var n = 0; n < count; n++)
        {
            var map = new double[rows, cols];
            for (var r = 0; r < rows; r++)
                for (var c = 0; c < cols; c++)
                    map[r, c] = numbers[(n * rows + r) * cols + c];
            maps.Add(map);
        }
        return maps;
    }
}
