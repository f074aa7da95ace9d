namespace ConvAnimations.Arithmetic;

/// <summary>
/// One layer of a chain along one axis: the direct operation's <see cref="Axis"/> (the guide's convention, also for a
/// transposed layer) and whether the layer is that operation's transpose, which reads the direct output (i' = o) and
/// writes a map of the direct input's size.
/// </summary>
public readonly record struct ChainAxis(Axis Axis, bool Transposed)
{
    /// <summary>The size of the map the layer reads.</summary>
    public int Input => Transposed ? Axis.Output : Axis.Input;

    /// <summary>The size of the map the layer writes.</summary>
    public int Output => Transposed ? Axis.Input : Axis.Output;

    /// <summary>
    /// The cells of its input that output cell <paramref name="n"/> reads, on the unbounded line (a cell before 0 or
    /// past the end is padding). A direct operation reads n s - p + a d for each tap a; a transposed one, by the
    /// scatter definition (input m adds to output m s - p + a d for each tap a), every m with m s - p + a d = n.
    /// </summary>
    public IEnumerable<int> Reads(int n)
    {
        var (k, s, p, d) = (Axis.Kernel, Axis.Stride, Axis.Padding, Axis.Dilation);
        for (var tap = 0; tap < k; tap++)
        {
            if (!Transposed)
            {
                yield return n * s - p + tap * d;
                continue;
            }
            var scaled = n + p - tap * d;
            if (scaled % s == 0) yield return scaled / s;
        }
    }
}

/// <summary>
/// Where a layer's outputs read the chain's input along one axis, after Araujo, Norris and Sim ("Computing Receptive
/// Fields of Convolutional Neural Networks", Distill, 2019): output cell n reads input cells
/// <see cref="First"/>(n) = u + n j to u + n j + r - 1 (clipped to the input), with r the receptive field
/// <see cref="Size"/>, j the <see cref="Jump"/> (the effective stride) and u the <see cref="Start"/>.
/// </summary>
public readonly record struct ReceptiveField(int Size, int Jump, int Start)
{
    /// <summary>The input itself: each cell reads itself (r = 1, j = 1, u = 0).</summary>
    public static readonly ReceptiveField Input = new(1, 1, 0);

    public int First(int n) => Start + n * Jump;

    public int Last(int n) => First(n) + Size - 1;

    /// <summary>
    /// The field of the outputs of <paramref name="layer"/> reading outputs of this field: r_l = r_{l-1} + d(k-1) j_{l-1},
    /// j_l = j_{l-1} s, u_l = u_{l-1} - p j_{l-1}. A transposed layer of stride 1 is the convolution over its input
    /// padded by p' = d(k-1) - p; a strided one has no uniform jump (null): its outputs read unevenly many inputs.
    /// </summary>
    public ReceptiveField? Through(ChainAxis layer)
    {
        var a = layer.Axis;
        if (layer.Transposed && a.Stride > 1) return null;
        var padding = layer.Transposed ? a.TransposedPadding : a.Padding;
        return new ReceptiveField(Size + a.Dilation * (a.Kernel - 1) * Jump, Jump * (layer.Transposed ? 1 : a.Stride), Start - padding * Jump);
    }

    /// <summary><see cref="Through"/> written out with its numbers: "r = 1 + 2*1*1 = 3, j = 1*2 = 2, u = 0 - 1*1 = -1".</summary>
    public string Formula(ChainAxis layer)
    {
        var a = layer.Axis;
        var next = Through(layer)!.Value;
        var (stride, padding) = layer.Transposed ? (1, a.TransposedPadding) : (a.Stride, a.Padding);
        return $"r = {Size} + {a.Dilation}*{a.Kernel - 1}*{Jump} = {next.Size}, j = {Jump}*{stride} = {next.Jump}, u = {Start} - {padding}*{Jump} = {next.Start}";
    }
}

/// <summary>The receptive fields of a chain of layers along one axis: uniform ones by the recurrences, any other through each layer's reads.</summary>
public static class ReceptiveFields
{
    /// <summary>The field of each layer's outputs (index 0 is the input), or null from the first layer without a uniform jump on.</summary>
    public static IReadOnlyList<ReceptiveField?> Of(IReadOnlyList<ChainAxis> layers)
    {
        var fields = new List<ReceptiveField?> { ReceptiveField.Input };
        foreach (var layer in layers) fields.Add(fields[^1]?.Through(layer));
        return fields;
    }

    /// <summary>
    /// The smallest and largest receptive field among the outputs of layer <paramref name="layer"/> (1-based), on the
    /// unbounded line as Araujo et al. count it (padding cells count, the input's edge does not clip): the field's size
    /// when it is uniform, else found by following each output down through the layers' <see cref="ChainAxis.Reads"/>.
    /// </summary>
    public static (int Smallest, int Largest) Spans(IReadOnlyList<ChainAxis> layers, int layer)
    {
        if (Of(layers)[layer] is { } uniform) return (uniform.Size, uniform.Size);
        var (smallest, largest) = (int.MaxValue, 0);
        for (var n = 0; n < layers[layer - 1].Output; n++)
        {
            var cells = Down(layers, layer, n, clip: false)[0];
            var span = cells.Length == 0 ? 0 : cells[^1] - cells[0] + 1;
            (smallest, largest) = (Math.Min(smallest, span), Math.Max(largest, span));
        }
        return (smallest, largest);
    }

    /// <summary>
    /// The cells of every map, from the input (index 0) to layer <paramref name="layer"/>'s output, that its output cell
    /// <paramref name="n"/> depends on, each list in order: the cells a map's cells read in the map below, padding left
    /// out (it holds zeros, which carry nothing).
    /// </summary>
    public static IReadOnlyList<int[]> Cells(IReadOnlyList<ChainAxis> layers, int layer, int n) => Down(layers, layer, n, clip: true);

    private static int[][] Down(IReadOnlyList<ChainAxis> layers, int layer, int n, bool clip)
    {
        var maps = new int[layer + 1][];
        maps[layer] = [n];
        for (var l = layer; l >= 1; l--)
        {
            var below = layers[l - 1];
            maps[l - 1] = maps[l].SelectMany(below.Reads).Where(m => !clip || (m >= 0 && m < below.Input)).Distinct().Order().ToArray();
        }
        return maps;
    }
}
