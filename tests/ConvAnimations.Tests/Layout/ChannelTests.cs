using System.Globalization;
using System.Text;
using System.Text.Json;
using ConvAnimations.Explain;
using ConvAnimations.Layout;
using ConvAnimations.Pipeline;
using ConvAnimations.Preparation;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;
using CsCheck;

namespace ConvAnimations.Tests.Layout;

/// <summary>
/// Multi-channel figures: the reader's rules and errors, <c>explain --json</c>'s contract, and the numbers against
/// <see cref="Reference"/>, a direct loop over PyTorch's definitions of grouped conv2d, conv_transpose2d, max_pool2d
/// and avg_pool2d written here, sharing nothing with the production code.
/// </summary>
public sealed class ChannelTests
{
    /// <summary>A small random figure, written as YAML with its values in PyTorch's layouts.</summary>
    public sealed record Case(string Kind, int Input, int Kernel, int Stride, int Padding, int Dilation, int Groups, int InPerGroup, int OutPerGroup, int Seed)
    {
        public int In => Kind.EndsWith("pooling", StringComparison.Ordinal) ? InPerGroup : Groups * InPerGroup;
        public int Out => Kind.EndsWith("pooling", StringComparison.Ordinal) ? In : Groups * OutPerGroup;
        public int Span => Dilation * (Kernel - 1) + 1;
        public int DirectOutput => (Input + 2 * Padding - Span) / Stride + 1;

        public bool Valid => Span <= Input + 2 * Padding && Kind switch
        {
            "transposed" => Padding <= Span - 1,
            // A dilated max pooling window may lie in the padding alone, where PyTorch gives minus infinity.
            "max_pooling" => 2 * Padding <= Span && Dilation == 1,
            "average_pooling" => 2 * Padding <= Span,
            _ => true,
        };
    }

    private static readonly Gen<Case> Cases =
        (from kind in Gen.Int[0, 3].Select(i => new[] { "convolution", "transposed", "max_pooling", "average_pooling" }[i])
         from input in Gen.Int[1, 6]
         from kernel in Gen.Int[1, 3]
         from stride in Gen.Int[1, 2]
         from padding in Gen.Int[0, 1]
         from dilation in Gen.Int[1, 2]
         from groups in Gen.Int[1, 3]
         from inPer in Gen.Int[1, 2]
         from outPer in Gen.Int[1, 2]
         from seed in Gen.Int[0, 1000]
         select new Case(kind, input, kernel, stride, padding, dilation, groups, inPer, outPer, seed))
        .Where(c => c.Valid && (c.In > 1 || c.Out > 1));

    [Fact]
    public void Numbers_equal_an_independent_grouped_convolution_transpose_and_pooling()
    {
        Cases.Sample(c =>
        {
            var random = new Random(c.Seed);
            var pooling = c.Kind.EndsWith("pooling", StringComparison.Ordinal);
            var side = c.Kind == "transposed" ? c.DirectOutput : c.Input;
            var x = Tensor(random, c.In, side, side, 0, 4);
            var w = pooling ? null : c.Kind == "transposed" ? Tensor4(random, c.In, c.Out / c.Groups, c.Kernel, 0, 3) : Tensor4(random, c.Out, c.In / c.Groups, c.Kernel, 0, 3);
            var channelKeys = pooling ? $"in_channels: {c.In}" : $"in_channels: {c.In}, out_channels: {c.Out}, groups: {c.Groups}";
            var kernel = w is null ? "" : $", kernel: {Json(w)}";
            var yaml = $"figures:\n  - {{name: f, kind: {c.Kind}, input: {c.Input}, kernel: {c.Kernel}, stride: {c.Stride}, padding: {c.Padding}, dilation: {c.Dilation}, {channelKeys}, values: {{input: {Json(x)}{kernel}}}}}\n";
            var animation = Layouter.Layout(Figures.Parse(yaml));

            var expected = c.Kind switch
            {
                "convolution" => Reference.Conv2d(x, w!, c.Stride, c.Padding, c.Dilation, c.Groups),
                "transposed" => Reference.ConvTranspose2d(x, w!, c.Stride, c.Padding, c.Dilation, (c.Input + 2 * c.Padding - c.Span) % c.Stride, c.Groups),
                "max_pooling" => Reference.MaxPool2d(x, c.Kernel, c.Stride, c.Padding, c.Dilation),
                _ => Reference.AvgPool2d(x, c.Kernel, c.Stride, c.Padding, c.Dilation),
            };
            var actual = animation.Channels!.Values!.Output;
            Assert.Equal(expected.Length, actual.Count);
            for (var m = 0; m < expected.Length; m++)
            {
                Assert.Equal(expected[m].GetLength(0), actual[m].GetLength(0));
                Assert.Equal(expected[m].GetLength(1), actual[m].GetLength(1));
                foreach (var (e, a) in expected[m].Cast<double>().Zip(actual[m].Cast<double>())) Assert.Equal(e, a, 9);
            }
            Assert.Equal(animation.Figure.FrameCount, animation.Channels.Frames.Count);
        }, iter: 150, print: c => c.ToString());
    }

    [Fact]
    public void Explain_json_adds_the_channels_and_one_frame_per_output_cell_of_every_output_map()
    {
        var animation = Repo.Animation("full_picture");
        using var json = JsonDocument.Parse(View.Of(animation.Figure).Json(animation));
        var root = json.RootElement;
        var channels = root.GetProperty("channels");
        Assert.Equal((2, 3, 1), (channels.GetProperty("in").GetInt32(), channels.GetProperty("out").GetInt32(), channels.GetProperty("groups").GetInt32()));
        var frames = root.GetProperty("frames").EnumerateArray().ToList();
        Assert.Equal(27, frames.Count);
        // The same figure with one channel: its frames are the cells each output map runs through.
        var single = Layouter.Layout(Figures.Parse("figures:\n  - {name: f, input: 5, kernel: 3}\n"));
        using var singleJson = JsonDocument.Parse(View.Of(single.Figure).Json(single));
        var cells = singleJson.RootElement.GetProperty("frames").EnumerateArray().Select(f => f.GetRawText()).ToList();
        for (var i = 0; i < frames.Count; i++)
        {
            var frame = frames[i];
            Assert.Equal(new[] { "output_channel", "input_channels", "output", "taps" }, frame.EnumerateObject().Select(p => p.Name));
            Assert.Equal(i / 9, frame.GetProperty("output_channel").GetInt32());
            Assert.Equal(new[] { 0, 1 }, frame.GetProperty("input_channels").EnumerateArray().Select(e => e.GetInt32()));
            using var cell = JsonDocument.Parse(cells[i % 9]);
            Assert.Equal(cell.RootElement.GetProperty("output").GetRawText(), frame.GetProperty("output").GetRawText());
            Assert.Equal(cell.RootElement.GetProperty("taps").GetRawText(), frame.GetProperty("taps").GetRawText());
        }
        Assert.False(root.TryGetProperty("values", out _));
        Assert.False(singleJson.RootElement.TryGetProperty("channels", out _));
    }

    [Fact]
    public void Depthwise_frames_read_one_input_map_and_grouped_frames_their_group()
    {
        var depthwise = Repo.Animation("depthwise").Channels!;
        Assert.All(depthwise.Frames, f => Assert.Equal(new[] { f.OutputChannel }, f.InputChannels));
        var grouped = Layouter.Layout(Figures.Parse("figures:\n  - {name: f, input: 3, kernel: 2, in_channels: 4, out_channels: 6, groups: 2}\n")).Channels!;
        Assert.Equal(6 * 4, grouped.Frames.Count);
        Assert.All(grouped.Frames, f => Assert.Equal(f.OutputChannel < 3 ? new[] { 0, 1 } : new[] { 2, 3 }, f.InputChannels));
        var pooling = Layouter.Layout(Figures.Parse("figures:\n  - {name: f, kind: max_pooling, input: 4, kernel: 2, in_channels: 3}\n"));
        Assert.Equal(new Channels(3, 3, 3), pooling.Figure.Channels);
        Assert.Contains("\"channels\": {\"in\": 3, \"out\": 3, \"groups\": 3}", View.Of(pooling.Figure).Json(pooling));
    }

    [Fact]
    public void The_numerical_figure_shows_each_maps_partial_sum_and_the_total_in_json_and_scene()
    {
        var animation = Repo.Animation("numerical_two_channels");
        var values = animation.Channels!.Values!;
        double[][,] x = [.. values.Grid];
        double[][][,] w = [[.. values.Kernel![0]]];
        var expected = Reference.Conv2d(x, w, 1, 0, 1, 1);
        Assert.Equal(expected[0].Cast<double>(), values.Output[0].Cast<double>());
        // The guide's input and kernel on map 0: its partial sums are the guide's outputs.
        var json = View.Of(animation.Figure).Json(animation);
        Assert.Contains("\"kernel\": [[[[0, 1, 2], [2, 2, 0], [0, 1, 2]], [[1, 0, 1], [0, 1, 0], [1, 0, 1]]]]", json);
        Assert.Contains($"\"output\": {Json(expected)}".Replace(" ", ""), json.Replace(" ", ""));

        var scene = View.Of(animation.Figure).Build(animation);
        var frame = scene.Frames[4].Marks.OfType<Label>().Select(l => l.Text).ToList();
        Assert.Contains("input map 1: 0\u00D70 + 1\u00D71 + 3\u00D72 + 1\u00D72 + 2\u00D72 + 2\u00D70 + 0\u00D70 + 0\u00D71 + 2\u00D72 = 17", frame);
        Assert.Contains(frame, t => t.StartsWith("input map 2: ", StringComparison.Ordinal) && t.EndsWith(" = 8", StringComparison.Ordinal));
        Assert.Contains($"output map 1 (1, 1) = 17 + 8 = {expected[0][1, 1]}", frame);
    }

    [Theory]
    [InlineData("in_channels: 3, out_channels: 4, groups: 2", "groups: in_channels 3 is not divisible by groups 2")]
    [InlineData("in_channels: 4, out_channels: 3, groups: 2", "groups: out_channels 3 is not divisible by groups 2")]
    [InlineData("in_channels: 17", "in_channels: 17 is over the limit of 16")]
    [InlineData("out_channels: 0", "out_channels: 0 is not allowed: at least 1")]
    [InlineData("groups: two", "groups: expected a whole number")]
    [InlineData("kind: max_pooling, in_channels: 2, out_channels: 2", "out_channels: pooling takes in_channels only")]
    [InlineData("in_channels: 2, values: {input: [[1, 2, 3], [1, 2, 3], [1, 2, 3]], kernel: [[[[1, 1], [1, 1]], [[1, 1], [1, 1]]]]}", "values.input: expected [2][3][3] (one input map per input channel), got [3][3]")]
    [InlineData("in_channels: 2, out_channels: 3, values: {seed: 1, input: [[[1]]]}", "give either 'seed' or explicit")]
    [InlineData("in_channels: 2, out_channels: 3, values: {input: [[[1, 2, 3], [1, 2, 3], [1, 2, 3]], [[1, 2, 3], [1, 2, 3], [1, 2, 3]]], kernel: [[[1, 1], [1, 1]], [[1, 1], [1, 1]], [[1, 1], [1, 1]]]}", "values.kernel: expected [3][2][2][2] (Conv2d's weight: [out_channels][in_channels/groups][kh][kw]), got [3][2][2]")]
    [InlineData("kind: transposed, in_channels: 2, out_channels: 4, groups: 2, values: {input: [[[1, 2], [3, 4]], [[1, 2], [3, 4]]], kernel: [[[[1, 1], [1, 1]]], [[[1, 1], [1, 1]]]]}", "values.kernel: expected [2][2][2][2] (ConvTranspose2d's weight")]
    [InlineData("in_channels: 2, values: {input: [[[1, 2, 3], [1, 2, 3], [1, 2, 3]], [[1, 2, 3], [1, 2], [1, 2, 3]]], kernel: [[[[1, 1], [1, 1]], [[1, 1], [1, 1]]]]}", "values.input[1][1]: expected [3], got [2] (values.input is [2][3][3]")]
    [InlineData("in_channels: 2, values: {input: [[[1, 2, 3], [1, 2, 3], [1, 2, [3]]], [[1, 2, 3], [1, 2, 3], [1, 2, 3]]], kernel: [[[[1, 1], [1, 1]], [[1, 1], [1, 1]]]]}", "values.input[0][2][2]: expected a number, got a list")]
    [InlineData("in_channels: 2, values: {input: [[[1, 2, 3], [1, x, 3], [1, 2, 3]], [[1, 2, 3], [1, 2, 3], [1, 2, 3]]], kernel: [[[[1, 1], [1, 1]], [[1, 1], [1, 1]]]]}", "values.input: expected a number, got 'x'")]
    public void Bad_channels_are_refused_with_a_located_error_naming_the_rule(string keys, string message)
    {
        var file = ViewTable.Default.Parse($"figures:\n  - {{name: f, input: 3, kernel: 2, {keys}}}\n", "test.yaml");
        Assert.False(file.IsValid);
        var error = Assert.Single(file.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(2, error.Location.Line);
        Assert.True(error.Location.Column > 1, error.ToString());
    }

    [Fact]
    public void Other_views_refuse_channels_and_a_composed_figure_plays_a_multi_channel_part_whole()
    {
        var file = ViewTable.Default.Parse("figures:\n  - {name: f, input: 4, kernel: 3, view: matrix, in_channels: 2}\n", "test.yaml");
        var error = Assert.Single(file.Errors);
        Assert.Contains("view: matrix draws one input map and one output map", error.Message);
        var composed = ViewTable.Default.Parse("figures:\n  - {name: a, input: 4, kernel: 3, in_channels: 2, out_channels: 2}\n  - {name: b, input: 4, kernel: 3}\n  - {name: c, sequence: [a, b]}\n", "test.yaml");
        Assert.True(composed.IsValid, string.Join("\n", composed.Errors));
        var c = composed.Figures.Single(f => f.Name == "c");
        Assert.Equal(2 * 4 + 4, c.FrameCount);
        var scene = new PreparedFigure(c).Scene;
        Assert.Equal(c.FrameCount, scene.Frames.Count);
    }

    [Fact]
    public void Too_many_frames_over_every_output_map_are_refused_at_out_channels()
    {
        var file = ViewTable.Default.Parse("figures:\n  - name: f\n    input: 40\n    kernel: 1\n    out_channels: 7\n", "test.yaml");
        var error = Assert.Single(file.Errors);
        Assert.Contains("11200 frames (1600 output cells on each of 7 output maps), over the limit of 10000", error.Message);
        Assert.Equal((5, 19), (error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void A_seed_draws_every_map_and_weight_in_pytorchs_layout_the_same_each_time()
    {
        const string yaml = "figures:\n  - {name: f, kind: transposed, input: 4, kernel: 3, stride: 2, padding: 1, in_channels: 2, out_channels: 4, groups: 2, values: {seed: 5}}\n";
        var (a, b) = (Figures.Parse(yaml), Figures.Parse(yaml));
        var values = a.Values!.Channels!;
        Assert.Equal(2, values.Input.Count);
        Assert.All(values.Input, map => Assert.Equal((2, 2), (map.GetLength(0), map.GetLength(1))));
        Assert.Equal(2, values.Weight!.Count);
        Assert.All(values.Weight, w => Assert.Equal(2, w.Count));
        Assert.Equal(Canonical.Write(a), Canonical.Write(b));
        Assert.Contains(values.Input.SelectMany(m => m.Cast<double>()), v => v != 0);
    }

    [Fact]
    public void Channels_change_the_render_cache_key_and_a_single_channel_figure_keeps_its_old_json()
    {
        var one = Figures.Parse("figures:\n  - {name: f, input: 5, kernel: 3}\n");
        var two = Figures.Parse("figures:\n  - {name: f, input: 5, kernel: 3, in_channels: 2}\n");
        var grouped = Figures.Parse("figures:\n  - {name: f, input: 5, kernel: 3, in_channels: 2, out_channels: 2, groups: 2}\n");
        Assert.Equal(Channels.Single, one.Channels);
        Assert.Equal(3, new[] { one, two, grouped }.Select(Canonical.Write).Distinct().Count());
        Assert.Equal(one with { Channels = new Channels(1, 1, 1) }, one);
        var explicitOnes = Figures.Parse("figures:\n  - {name: f, input: 5, kernel: 3, in_channels: 1, out_channels: 1, groups: 1}\n");
        Assert.Equal(new PreparedFigure(one).Json(), new PreparedFigure(explicitOnes).Json());
    }

    [Fact]
    public void A_depthwise_frame_joins_one_input_map_to_its_output_map_and_a_dense_one_every_map()
    {
        foreach (var (name, lines) in new[] { ("depthwise", 4), ("full_picture", 8) })
        {
            var scene = Repo.Prepared(name).Scene;
            Assert.All(scene.Frames, f => Assert.Equal(lines, f.Marks.OfType<Connector>().Count()));
            // Every frame's lines start from as many different maps as the frame reads.
            Assert.All(scene.Frames, f => Assert.Equal(lines / 4, f.Marks.OfType<Connector>().Select(c => c.From.Plane).Distinct().Count()));
        }
        // The stacked maps' neighbours differ in colour.
        var stack = Repo.Prepared("depthwise").Scene.Planes.Where(p => p.Cells.Cast<CellKind>().Contains(CellKind.Input)).Select(p => p.InputShade).ToList();
        Assert.Equal(3, stack.Distinct().Count());
    }

    [Theory]
    [InlineData("numerical_two_channels")]
    [InlineData("{name: f, kind: transposed, input: 5, kernel: 3, stride: 2, padding: 1, in_channels: 4, out_channels: 2, groups: 2, values: {seed: 4}}")]
    [InlineData("{name: f, input: 6, kernel: 2, stride: 2, padding: 1, dilation: 2, in_channels: 3, out_channels: 6, groups: 3, values: {seed: 8}}")]
    [InlineData("{name: f, kind: average_pooling, input: 5, kernel: 3, stride: 2, padding: 1, in_channels: 2, values: {seed: 1}}")]
    [InlineData("{name: f, kind: max_pooling, input: 5, kernel: 2, in_channels: 3, values: {seed: 2}}")]
    [InlineData("full_picture")]
    public void The_pytorch_snippet_builds_the_layer_with_its_channels_and_expects_what_pytorch_computes(string figure)
    {
        var animation = figure.StartsWith('{') ? Layouter.Layout(Figures.Parse($"figures:\n  - {figure}\n")) : Repo.Animation(figure);
        var (c, g, kind) = (animation.Figure.Channels, animation.Figure.Geometry, animation.Figure.Kind);
        var snippet = ConvAnimations.Explain.PyTorchProgram.Write(animation);
        var layer = System.Text.RegularExpressions.Regex.Match(snippet, @"^layer = nn\.(\w+)\((.*)\)$", System.Text.RegularExpressions.RegexOptions.Multiline);
        Assert.True(layer.Success, snippet);
        var args = layer.Groups[2].Value;
        if (!kind.IsPooling)
        {
            Assert.StartsWith($"{c.In}, {c.Out}, ", args);
            Assert.Equal(c.Groups > 1, args.Contains($"groups={c.Groups}", StringComparison.Ordinal));
        }
        Assert.Contains($"assert y.shape == (1, {c.Out}, {animation.Output.Rows}, {animation.Output.Cols})", snippet);
        string? Tensor(string name) => System.Text.RegularExpressions.Regex.Match(snippet, $@"{name}torch\.tensor\((.*?), dtype") is { Success: true } m ? m.Groups[1].Value : null;
        if (animation.Figure.Values is null)
        {
            Assert.Contains($"x = torch.zeros(1, {c.In}, {animation.Input.Rows}, {animation.Input.Cols}", snippet);
            return;
        }
        Assert.Contains($".reshape(1, {c.In}, {animation.Input.Rows}, {animation.Input.Cols})", snippet);
        var x = Parse3(Tensor("x = ")!);
        var w = Tensor("layer\\.weight\\.copy_\\(") is { } weight ? System.Text.Json.Nodes.JsonNode.Parse(weight)!.AsArray().Select(a => Parse3(a!.ToJsonString())).ToArray() : null;
        var (k, st, p, d) = (g.Kernel.Rows, g.Stride.Rows, g.Padding.Rows, g.Dilation.Rows);
        var pytorch = kind.Name switch
        {
            "convolution" => Reference.Conv2d(x, w!, st, p, d, c.Groups),
            "transposed" => Reference.ConvTranspose2d(x, w!, st, p, d, g.OutputPadding.Rows, c.Groups),
            "max_pooling" => Reference.MaxPool2d(x, k, st, p, d),
            _ => Reference.AvgPool2d(x, k, st, p, d),
        };
        var expected = Parse3(Tensor("expected = ")!);
        Assert.Equal(pytorch.Length, expected.Length);
        for (var m = 0; m < expected.Length; m++)
        {
            foreach (var (e, a) in expected[m].Cast<double>().Zip(pytorch[m].Cast<double>())) Assert.Equal(a, e, 9);
        }
    }

    [Theory]
    [InlineData(ThemeName.SolarizedLight)]
    [InlineData(ThemeName.SolarizedDark)]
    [InlineData(ThemeName.Colorblind)]
    [InlineData(ThemeName.Print)]
    public void A_stacks_shades_differ_from_their_neighbours_and_keep_its_lines_visible(ThemeName name)
    {
        var theme = new ConvAnimations.Rendering.Theme(1, ThemeSpec.Guide with { Base = name });
        var stack = theme.InputMaps;
        foreach (var shade in stack)
        {
            // WCAG's 3:1 for the lines of shapes (no text sits on these shades).
            Assert.True(ConvAnimations.Rendering.Theme.Contrast(theme.Lines, shade) >= 3, $"{name}: lines on {shade}");
        }
        // That neighbours (and every pair a reader tells apart) differ is measured by ColourDistanceTests, in CIEDE2000.
        for (var i = 0; i + 1 < stack.Count; i++) Assert.NotEqual(stack[i], stack[i + 1]);
    }

    [Fact]
    public void A_one_row_figure_with_channels_is_drawn_as_rows_with_its_output_above()
    {
        var scene = new PreparedFigure(Figures.Parse("figures:\n  - {name: f, input: [1, 8], kernel: [1, 3], in_channels: 2, out_channels: 2}\n")).Scene;
        Assert.Equal(FigureStyle.Flat, scene.Style);
        var (inputs, outputs) = (scene.Planes.Where(p => p.Cells.Cast<CellKind>().Contains(CellKind.Input)), scene.Planes.Where(p => p.Cells.Cast<CellKind>().Contains(CellKind.Output)));
        Assert.True(outputs.Max(p => p.At.Y + 1) < inputs.Min(p => p.At.Y), "the output rows lie above the input rows");
        Assert.All(scene.Frames, f => Assert.Equal(4, f.Marks.OfType<Connector>().Count()));
    }

    private static double[][,] Parse3(string json) =>
        System.Text.Json.Nodes.JsonNode.Parse(json)!.AsArray().Select(map =>
        {
            var rows = map!.AsArray();
            var m = new double[rows.Count, rows[0]!.AsArray().Count];
            for (var r = 0; r < m.GetLength(0); r++)
                for (var c = 0; c < m.GetLength(1); c++)
                    m[r, c] = rows[r]![c]!.GetValue<double>();
            return m;
        }).ToArray();

    private static double[][,] Tensor(Random random, int count, int rows, int cols, int low, int high) =>
        Enumerable.Range(0, count).Select(_ =>
        {
            var m = new double[rows, cols];
            for (var r = 0; r < rows; r++)
                for (var c = 0; c < cols; c++)
                    m[r, c] = random.Next(low, high);
            return m;
        }).ToArray();

    private static double[][][,] Tensor4(Random random, int a, int b, int k, int low, int high) =>
        Enumerable.Range(0, a).Select(_ => Tensor(random, b, k, k, low, high)).ToArray();

    private static string Json(double[,] m) =>
        "[" + string.Join(", ", Enumerable.Range(0, m.GetLength(0)).Select(r =>
            "[" + string.Join(", ", Enumerable.Range(0, m.GetLength(1)).Select(c => m[r, c].ToString(CultureInfo.InvariantCulture))) + "]")) + "]";

    private static string Json(double[][,] t) => "[" + string.Join(", ", t.Select(Json)) + "]";

    private static string Json(double[][][,] t) => "[" + string.Join(", ", t.Select(Json)) + "]";
}

/// <summary>
/// PyTorch's operators as their documentation defines them, by direct loops over NCHW tensors (batch 1 left out):
/// conv2d and conv_transpose2d with groups, max_pool2d (padding is minus infinity) and avg_pool2d with
/// count_include_pad=True. Square kernels, strides, paddings and dilations.
/// </summary>
public static class Reference
{
    /// <summary>y[m][r][c] = sum over n of its group, u, v of x[n][r s - p + u d][c s - p + v d] w[m][n - g0][u][v].</summary>
    public static double[][,] Conv2d(double[][,] x, double[][][,] w, int s, int p, int d, int groups)
    {
        var (cIn, h, wd) = (x.Length, x[0].GetLength(0), x[0].GetLength(1));
        var (cOut, k) = (w.Length, w[0][0].GetLength(0));
        var (oh, ow) = ((h + 2 * p - d * (k - 1) - 1) / s + 1, (wd + 2 * p - d * (k - 1) - 1) / s + 1);
        var (inPer, outPer) = (cIn / groups, cOut / groups);
        var y = new double[cOut][,];
        for (var m = 0; m < cOut; m++)
        {
            y[m] = new double[oh, ow];
            var first = m / outPer * inPer;
            for (var j = 0; j < inPer; j++)
                for (var r = 0; r < oh; r++)
                    for (var c = 0; c < ow; c++)
                        for (var u = 0; u < k; u++)
                            for (var v = 0; v < k; v++)
                            {
                                var (yy, xx) = (r * s - p + u * d, c * s - p + v * d);
                                if (yy >= 0 && yy < h && xx >= 0 && xx < wd) y[m][r, c] += x[first + j][yy, xx] * w[m][j][u, v];
                            }
        }
        return y;
    }

    /// <summary>
    /// The gradient of conv2d: every input value scattered through its kernel, y[m][i s - p + u d][j s - p + v d] +=
    /// x[n][i][j] w[n][m - m0][u][v]; output size (h-1)s - 2p + d(k-1) + output_padding + 1.
    /// </summary>
    public static double[][,] ConvTranspose2d(double[][,] x, double[][][,] w, int s, int p, int d, int outputPadding, int groups)
    {
        var (cIn, h, wd) = (x.Length, x[0].GetLength(0), x[0].GetLength(1));
        var (outPer, k) = (w[0].Length, w[0][0].GetLength(0));
        var cOut = outPer * groups;
        var inPer = cIn / groups;
        var (oh, ow) = ((h - 1) * s - 2 * p + d * (k - 1) + outputPadding + 1, (wd - 1) * s - 2 * p + d * (k - 1) + outputPadding + 1);
        var y = Enumerable.Range(0, cOut).Select(_ => new double[oh, ow]).ToArray();
        for (var n = 0; n < cIn; n++)
        {
            var group = n / inPer;
            for (var q = 0; q < outPer; q++)
                for (var i = 0; i < h; i++)
                    for (var j = 0; j < wd; j++)
                        for (var u = 0; u < k; u++)
                            for (var v = 0; v < k; v++)
                            {
                                var (yy, xx) = (i * s - p + u * d, j * s - p + v * d);
                                if (yy >= 0 && yy < oh && xx >= 0 && xx < ow) y[group * outPer + q][yy, xx] += x[n][i, j] * w[n][q][u, v];
                            }
        }
        return y;
    }

    public static double[][,] MaxPool2d(double[][,] x, int k, int s, int p, int d) => Pool(x, k, s, p, d, values => values.Max(), includePadding: false);

    public static double[][,] AvgPool2d(double[][,] x, int k, int s, int p, int d) => Pool(x, k, s, p, d, values => values.Sum() / (k * k), includePadding: true);

    private static double[][,] Pool(double[][,] x, int k, int s, int p, int d, Func<List<double>, double> reduce, bool includePadding) =>
        x.Select(map =>
        {
            var (h, wd) = (map.GetLength(0), map.GetLength(1));
            var (oh, ow) = ((h + 2 * p - d * (k - 1) - 1) / s + 1, (wd + 2 * p - d * (k - 1) - 1) / s + 1);
            var y = new double[oh, ow];
            for (var r = 0; r < oh; r++)
                for (var c = 0; c < ow; c++)
                {
                    var values = new List<double>();
                    for (var u = 0; u < k; u++)
                        for (var v = 0; v < k; v++)
                        {
                            var (yy, xx) = (r * s - p + u * d, c * s - p + v * d);
                            if (yy >= 0 && yy < h && xx >= 0 && xx < wd) values.Add(map[yy, xx]);
                            else if (includePadding) values.Add(0);
                        }
                    y[r, c] = reduce(values);
                }
            return y;
        }).ToArray();
}
