using System.Globalization;
using System.Text.Json;
using ConvAnimations.Layout;
using ConvAnimations.Preparation;
using ConvAnimations.Rendering;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;
using ConvAnimations.Writers;
using CsCheck;

namespace ConvAnimations.Tests.Layout;

/// <summary>
/// Chains of layers against oracles written here from the operators' definitions, for random chains (CsCheck) of
/// convolutions, transposed convolutions and pooling with padding per side, strides, dilation and output_padding:
/// every map's size by PyTorch's formulas; the cells of every map that each output of the last layer depends on, by
/// pushing each map's cells forward through the layers as PyTorch computes them (a window's taps, a transpose's
/// scatter-add, padding holding nothing); and Araujo et al.'s receptive field, jump and start of every layer's outputs,
/// by pushing the first and last input cell each cell depends on forward along one axis of an input extended far
/// beyond its edges (the unbounded line the recurrences count on).
/// </summary>
public sealed class LayerChainTests
{
    /// <summary>One layer of a random chain, per axis [rows, cols]; padding per side [top, bottom, left, right].</summary>
    public sealed record LayerSpec(string Kind, int[] Kernel, int[] Stride, int[] Dilation, int[] Padding, int[] OutputPadding)
    {
        public bool Transposed => Kind == "transposed";

        public string Yaml => $"{{kind: {Kind}, kernel: [{Kernel[0]}, {Kernel[1]}], stride: [{Stride[0]}, {Stride[1]}], dilation: [{Dilation[0]}, {Dilation[1]}], " +
            (Transposed
                ? $"padding: [{Padding[0]}, {Padding[2]}], output_padding: [{OutputPadding[0]}, {OutputPadding[1]}]"
                : $"padding: {{top: {Padding[0]}, bottom: {Padding[1]}, left: {Padding[2]}, right: {Padding[3]}}}") + "}";

        /// <summary>Along one axis (0 rows, 1 cols): k, s, d, padding before and after, output_padding.</summary>
        public (int K, int S, int D, int Before, int After, int A) Axis(int axis) =>
            (Kernel[axis], Stride[axis], Dilation[axis], Padding[2 * axis], Transposed ? Padding[2 * axis] : Padding[2 * axis + 1], OutputPadding[axis]);
    }

    public sealed record ChainSpec(int Rows, int Cols, IReadOnlyList<LayerSpec> Layers)
    {
        public string Yaml => $"figures:\n  - name: chain\n    input: [{Rows}, {Cols}]\n    layers:\n{string.Concat(Layers.Select(l => $"      - {l.Yaml}\n"))}";

        public override string ToString() => Yaml;
    }

    private static readonly string[] Kinds = ["convolution", "convolution", "transposed", "max_pooling", "average_pooling"];

    private static readonly Gen<LayerSpec> Layers =
        Gen.Select(Gen.Int[0, Kinds.Length - 1], Gen.Int[1, 3].Array[2], Gen.Int[1, 3].Array[2], Gen.Int[1, 2].Array[2], Gen.Int[0, 2].Array[4], Gen.Int[0, 2].Array[2])
            .Select((kind, k, s, d, p, a) =>
            {
                // Mostly what frameworks take: pooling pads at most half its window, a transpose at most d(k-1) and
                // alike on both sides, its output_padding below the stride; now and then one cell more, which the reader refuses.
                var (pooling, transposed) = (Kinds[kind].EndsWith("pooling", StringComparison.Ordinal), Kinds[kind] == "transposed");
                int Most(int axis) => pooling ? (d[axis] * (k[axis] - 1) + 1) / 2 : transposed ? d[axis] * (k[axis] - 1) : 2;
                var padding = p.Select((cells, side) => Math.Min(cells, Most(side / 2) + (a[0] == 2 && a[1] == 2 ? 1 : 0))).ToArray();
                return new LayerSpec(Kinds[kind], k, s, d, padding, [Math.Min(a[0], s[0] - 1), Math.Min(a[1], s[1] - 1)]);
            });

    /// <summary>Chains of one to four layers on inputs of 1 to 9 cells a side, a third of them 1-D (a row, kernels of one row).</summary>
    public static readonly Gen<ChainSpec> Chains =
        Gen.Select(Gen.Int[1, 9], Gen.Int[2, 9], Layers.Array[1, 4], Gen.Int[0, 2])
            .Select((rows, cols, layers, oneRow) => oneRow == 0
                ? new ChainSpec(1, cols, layers.Select(l => l with { Kernel = [1, l.Kernel[1]], Stride = [1, l.Stride[1]], Dilation = [1, l.Dilation[1]], Padding = [0, 0, l.Padding[2], l.Padding[3]], OutputPadding = [0, l.OutputPadding[1]] }).ToList())
                : new ChainSpec(rows, cols, layers));

    [Fact]
    public void Random_chains_match_the_oracles_in_sizes_receptive_cells_fields_jumps_and_starts()
    {
        var checkedChains = 0;
        Chains.Sample(spec =>
        {
            var file = ViewTable.Default.Parse(spec.Yaml, "chain.yaml");
            var sizes = Sizes(spec);
            // The reader refuses what frameworks refuse (a window larger than its padded input, pooling padding more
            // than half its window, a transpose padding more than d(k-1)); what it accepts, every oracle checks.
            if (!file.IsValid)
            {
                Assert.All(file.Errors, e => Assert.Matches("layer [1-4]", e.Message));
                return;
            }
            var chain = new ChainLayout(Assert.Single(file.Figures));
            Assert.Equal(sizes, Enumerable.Range(0, chain.Count + 1).Select(m => (chain.Map(m).Rows, chain.Map(m).Cols)).ToList());
            // Transposes of stride 3 grow maps fast: the cell by cell oracle keeps to maps that a stack draws.
            if (sizes.Any(size => size.Rows > MaxSide || size.Cols > MaxSide)) return;
            Interlocked.Increment(ref checkedChains);

            var top = sizes[^1];
            var dependencies = Enumerable.Range(0, spec.Layers.Count).Select(source => Dependencies(spec, sizes, source)).ToList();
            for (var r = 0; r < top.Rows; r++)
            for (var c = 0; c < top.Cols; c++)
            {
                var receptive = chain.Receptive(new Cell(r, c));
                for (var m = 0; m < spec.Layers.Count; m++)
                {
                    var expected = Enumerable.Range(0, sizes[m].Rows * sizes[m].Cols).Where(dependencies[m][r, c].Contains).Select(i => new Cell(i / sizes[m].Cols, i % sizes[m].Cols));
                    Assert.Equal(expected, receptive[m]);
                }
                Assert.Equal([new Cell(r, c)], receptive[^1]);
            }

            for (var axis = 0; axis < 2; axis++)
            {
                var fields = axis == 0 ? chain.RowFields : chain.ColFields;
                var lines = Unbounded(spec, axis, axis == 0 ? spec.Rows : spec.Cols);
                for (var l = 1; l <= spec.Layers.Count; l++)
                {
                    var outputs = axis == 0 ? sizes[l].Rows : sizes[l].Cols;
                    var cells = Enumerable.Range(0, outputs).Select(n => lines[l].Cells[n - lines[l].Low]).ToList();
                    var spans = cells.Select(x => x.Last < x.First ? 0 : x.Last - x.First + 1).ToList();
                    var (chainRows, chainCols) = chain.Spans(l);
                    Assert.Equal((spans.Min(), spans.Max()), axis == 0 ? chainRows : chainCols);
                    if (fields[l] is not { } field) continue;
                    for (var n = 0; n < outputs; n++) Assert.Equal((field.First(n), field.Last(n)), cells[n]);
                }
            }
        }, iter: 400, threads: 1);
        Assert.True(checkedChains > 100, $"only {checkedChains} of 400 random chains were valid");
    }

    /// <summary>Every map's size by PyTorch's formulas (F.pad's sides added, then Conv2d's, ConvTranspose2d's or pooling's).</summary>
    private static List<(int Rows, int Cols)> Sizes(ChainSpec spec)
    {
        var sizes = new List<(int Rows, int Cols)> { (spec.Rows, spec.Cols) };
        foreach (var layer in spec.Layers)
        {
            int Out(int axis, int i)
            {
                var (k, s, d, before, after, a) = layer.Axis(axis);
                return layer.Transposed ? (i - 1) * s - 2 * before + d * (k - 1) + a + 1 : (i + before + after - d * (k - 1) - 1) / s + 1;
            }
            sizes.Add((Out(0, sizes[^1].Rows), Out(1, sizes[^1].Cols)));
        }
        return sizes;
    }

    /// <summary>The largest map the cell by cell oracle works on, in cells a side.</summary>
    private const int MaxSide = 24;

    /// <summary>A set of cells of one map, as bits.</summary>
    private sealed class Cells(int count)
    {
        private readonly ulong[] _bits = new ulong[(count + 63) / 64];

        public static Cells Of(int count, int cell)
        {
            var cells = new Cells(count);
            cells._bits[cell / 64] |= 1UL << (cell % 64);
            return cells;
        }

        public bool Contains(int cell) => (_bits[cell / 64] & (1UL << (cell % 64))) != 0;

        public void Add(Cells other)
        {
            for (var i = 0; i < _bits.Length; i++) _bits[i] |= other._bits[i];
        }
    }

    /// <summary>
    /// For every cell of the last map, the cells of map <paramref name="source"/> it depends on (as indices r * cols + c):
    /// each source cell is its own, and each layer forward gives an output the union of what its taps read (a window's
    /// taps on the map, padding none) or of what is added to it (a transpose: input (r, c) adds to outputs
    /// (r s - p + a d, c s - p + b d) inside its output).
    /// </summary>
    private static Cells[,] Dependencies(ChainSpec spec, List<(int Rows, int Cols)> sizes, int source)
    {
        var (rows, cols) = sizes[source];
        var count = rows * cols;
        var map = new Cells[rows, cols];
        for (var r = 0; r < rows; r++)
        for (var c = 0; c < cols; c++) map[r, c] = Cells.Of(count, r * cols + c);
        for (var l = source; l < spec.Layers.Count; l++)
        {
            var layer = spec.Layers[l];
            var (kr, sr, dr, pr, _, _) = layer.Axis(0);
            var (kc, sc, dc, pc, _, _) = layer.Axis(1);
            var (outRows, outCols) = sizes[l + 1];
            var next = new Cells[outRows, outCols];
            for (var r = 0; r < outRows; r++)
            for (var c = 0; c < outCols; c++) next[r, c] = new Cells(count);
            for (var a = 0; a < kr; a++)
            for (var b = 0; b < kc; b++)
            {
                if (layer.Transposed)
                {
                    for (var r = 0; r < map.GetLength(0); r++)
                    for (var c = 0; c < map.GetLength(1); c++)
                    {
                        var (y, x) = (r * sr - pr + a * dr, c * sc - pc + b * dc);
                        if (y >= 0 && x >= 0 && y < outRows && x < outCols) next[y, x].Add(map[r, c]);
                    }
                    continue;
                }
                for (var r = 0; r < outRows; r++)
                for (var c = 0; c < outCols; c++)
                {
                    var (y, x) = (r * sr - pr + a * dr, c * sc - pc + b * dc);
                    if (y >= 0 && x >= 0 && y < map.GetLength(0) && x < map.GetLength(1)) next[r, c].Add(map[y, x]);
                }
            }
            map = next;
        }
        return map;
    }

    /// <summary>How far beyond its edges the oracle extends the input: further than any random chain's fields reach (at most 161 cells, from 120 before a cell).</summary>
    private const int Margin = 300;

    /// <summary>
    /// Along one axis, for every map, the first and last input cell each of its cells depends on when the input runs
    /// on <see cref="Margin"/> cells beyond each edge and every map is as long as that makes it, so that no edge clips a
    /// field: cells <c>Low</c> on (numbered as in the map itself, so from below 0); a cell nothing is added to (a
    /// transpose's) has first > last.
    /// </summary>
    private static List<(int Low, (int First, int Last)[] Cells)> Unbounded(ChainSpec spec, int axis, int input)
    {
        var maps = new List<(int Low, (int First, int Last)[] Cells)> { (-Margin, Enumerable.Range(-Margin, input + 2 * Margin).Select(x => (x, x)).ToArray()) };
        foreach (var layer in spec.Layers)
        {
            var (k, s, d, p, _, _) = layer.Axis(axis);
            var (low, below) = maps[^1];
            var high = low + below.Length - 1;
            int first, last;
            (int First, int Last)[] cells;
            if (layer.Transposed)
            {
                // Output n is whole when every input that may add to it, (n + p - a d) / s, is on the extended line.
                (first, last) = (low * s - p + d * (k - 1), high * s - p);
                cells = Enumerable.Repeat((int.MaxValue, int.MinValue), last - first + 1).ToArray();
                for (var m = low; m <= high; m++)
                {
                    for (var a = 0; a < k; a++)
                    {
                        var n = m * s - p + a * d;
                        if (n < first || n > last) continue;
                        var (got, from) = (cells[n - first], below[m - low]);
                        cells[n - first] = (Math.Min(got.Item1, from.First), Math.Max(got.Item2, from.Last));
                    }
                }
            }
            else
            {
                // Output n is whole when its taps n s - p + a d are all on the extended line.
                first = (int)Math.Ceiling((double)(low + p) / s);
                last = (int)Math.Floor((double)(high + p - d * (k - 1)) / s);
                cells = new (int, int)[last - first + 1];
                for (var n = first; n <= last; n++)
                {
                    var (lo, hi) = (int.MaxValue, int.MinValue);
                    for (var a = 0; a < k; a++) (lo, hi) = (Math.Min(lo, below[n * s - p + a * d - low].First), Math.Max(hi, below[n * s - p + a * d - low].Last));
                    cells[n - first] = (lo, hi);
                }
            }
            maps.Add((first, cells));
        }
        return maps;
    }

    [Fact]
    public void Wavenets_last_output_reads_all_16_inputs_through_a_binary_tree()
    {
        var animation = Repo.Prepared("wavenet").Animation;
        var chain = animation.Layers!;
        Assert.Equal((16, 1, -15), (chain.ColFields[4]!.Value.Size, chain.ColFields[4]!.Value.Jump, chain.ColFields[4]!.Value.Start));
        var receptive = chain.Receptive(new Cell(0, 15));
        Assert.Equal([16, 8, 4, 2, 1], receptive.Select(cells => cells.Count));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => new Cell(0, 2 * i + 1)), receptive[1]);
        // The first output reads the first input only: the rest of its windows lie in the causal padding.
        Assert.All(chain.Receptive(new Cell(0, 0)), cells => Assert.Equal([new Cell(0, 0)], cells));
    }

    [Fact]
    public void The_encoder_decoder_goes_down_to_2x2_and_back_and_its_last_output_reads_7x7_inputs()
    {
        var chain = Repo.Prepared("encoder_decoder").Animation.Layers!;
        Assert.Equal([8, 4, 2, 4, 8], Enumerable.Range(0, 5).Select(m => chain.Map(m).Rows));
        var receptive = chain.Receptive(new Cell(7, 7));
        IEnumerable<Cell> Square(int from, int to) => Enumerable.Range(from, to - from + 1).SelectMany(r => Enumerable.Range(from, to - from + 1).Select(c => new Cell(r, c)));
        Assert.Equal(Square(1, 7), receptive[0]);
        Assert.Equal(Square(1, 3), receptive[1]);
        Assert.Equal([new Cell(1, 1)], receptive[2]);
        Assert.Equal([new Cell(3, 3)], receptive[3]);
        // The transposed layers have no uniform jump: their outputs read 7 to 11 input cells along an axis.
        Assert.Null(chain.RowFields[3]);
        Assert.Equal(((7, 11), (7, 11)), chain.Spans(4));
    }

    [Fact]
    public void LeNets_features_are_computed_16x5x5_with_every_size_between()
    {
        var chain = Repo.Prepared("lenet_features").Animation.Layers!;
        Assert.Equal(["1x32x32", "6x28x28", "6x14x14", "16x10x10", "16x5x5"], Enumerable.Range(0, 5).Select(chain.Shape));
        Assert.Equal((16, 4, 0), (chain.ColFields[4]!.Value.Size, chain.ColFields[4]!.Value.Jump, chain.ColFields[4]!.Value.Start));
    }

    /// <summary>explain --json lists, per frame of a stack, every cell each map holds of the frame's receptive field, sorted.</summary>
    [Fact]
    public void The_json_lists_each_frames_receptive_cells_sorted_by_map_row_and_column()
    {
        var prepared = Repo.Prepared("encoder_decoder");
        using var json = JsonDocument.Parse(prepared.Json());
        var frames = json.RootElement.GetProperty("frames");
        Assert.Equal(64, frames.GetArrayLength());
        var chain = prepared.Animation.Layers!;
        foreach (var frame in frames.EnumerateArray())
        {
            var output = frame.GetProperty("output");
            var cell = new Cell(output[0].GetInt32(), output[1].GetInt32());
            var listed = frame.GetProperty("receptive").EnumerateArray().Select(e => (e[0].GetInt32(), e[1].GetInt32(), e[2].GetInt32())).ToList();
            Assert.Equal(listed.Order(), listed);
            Assert.Equal(chain.Receptive(cell).SelectMany((cells, m) => cells.Select(c => (m, c.Row, c.Col))), listed);
        }
        var layers = json.RootElement.GetProperty("layers");
        Assert.Equal("[1, 4, 4]", layers[0].GetProperty("output").GetRawText());
        Assert.Equal("[7, 7]", layers[1].GetProperty("receptive_field").GetRawText());
        Assert.Equal("[4, 4]", layers[1].GetProperty("jump").GetRawText());
        Assert.Equal("[-3, -3]", layers[1].GetProperty("start").GetRawText());
        Assert.Equal("[null, null]", layers[2].GetProperty("jump").GetRawText());
    }

    /// <summary>A stack's frame darkens, on each map's plane, exactly the cells of its receptive field there.</summary>
    [Fact]
    public void A_stacks_frame_lights_the_receptive_cells_on_every_plane()
    {
        var prepared = Repo.Prepared("wavenet");
        var chain = prepared.Animation.Layers!;
        var marks = prepared.Scene.Frames[15].Marks;
        for (var m = 0; m <= chain.Count; m++)
        {
            var lit = marks.OfType<ConvAnimations.Scenes.CellFill>().Single(f => f.Plane == m).Cells;
            // On the grid of the layer that reads it, map m's cell c lies after the causal padding of that layer.
            var padding = m < chain.Count ? chain.Layers[m].Geometry.Cols.Padding : 0;
            Assert.Equal(chain.Receptive(new Cell(0, 15))[m].Select(c => c with { Col = c.Col + padding }), lit);
        }
        // The binary tree: 8 + 4 + 2 + 1 outputs each joined to the 2 cells it reads.
        Assert.Equal(2 * (8 + 4 + 2 + 1), marks.OfType<ConvAnimations.Scenes.Connector>().Count());
    }

    /// <summary>Random chains explain themselves and draw their first and last frames in both views (a few, at a small scale).</summary>
    [Fact]
    public void Random_chains_explain_and_draw_in_both_views()
    {
        var drawn = 0;
        Gen.Select(Chains, Gen.Bool, Gen.Bool).Sample((spec, blocks, progressive) =>
        {
            var text = spec.Yaml.Replace("    layers:", $"    scale: 0.25\n    labels: full\n    legend: true\n    view: {(blocks ? "blocks" : "stack")}\n    reveal: {(progressive ? "progressive" : "all")}\n    layers:", StringComparison.Ordinal);
            var file = ViewTable.Default.Parse(text, "chain.yaml");
            if (!file.IsValid || Budget.Check(file.Figures.Prepared()).Any(i => i.IsError)) return;
            var prepared = file.Figures[0].Prepared();
            Assert.NotEmpty(prepared.Describe());
            JsonDocument.Parse(prepared.Json()).Dispose();
            Assert.NotNull(prepared.PyTorch(out _));
            using var renderer = new SceneRenderer(prepared.Scene);
            foreach (var (format, frame) in new[] { (StillFormat.Png, 0), (StillFormat.Svg, renderer.FrameCount - 1) })
            {
                using var stream = new MemoryStream();
                format.WriteFrame(stream, renderer, frame);
                Assert.True(stream.Length > 100);
            }
            Interlocked.Increment(ref drawn);
        }, iter: 40, threads: 1);
        Assert.True(drawn > 10, $"only {drawn} of 40 random chains were drawn");
    }
}
