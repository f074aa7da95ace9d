using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConvAnimations.Explain;
using ConvAnimations.Layout;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;
using CsCheck;

namespace ConvAnimations.Tests.Cli;

/// <summary>
/// `explain --pytorch` read back as PyTorch would run it: the layer's arguments (with <c>padding="same"</c> as PyTorch
/// resolves it, and an <c>F.pad</c> of the input when there is one) through PyTorch's documented size formulas give the
/// figure's output, and for numerical figures the tensors through a small model of PyTorch's conv2d,
/// conv_transpose2d, max_pool2d, avg_pool2d and F.pad give the expected output the snippet asserts.
/// </summary>
public sealed partial class PyTorchSnippetTests
{
    private const string Extra = """
        figures:
          - {name: rect_t, kind: transposed, input: [6, 9], kernel: [3, 2], stride: [2, 3], padding: [1, 0], dilation: [1, 2], values: {seed: 5}}
          - {name: rect_c, input: [7, 6], kernel: [3, 2], stride: [2, 1], padding: [1, 2], dilation: [2, 1], values: {seed: 11}}
          - {name: framework_t, kind: transposed, transposed_input: 3, output_padding: 1, kernel: 3, stride: 2, padding: 1, values: {seed: 3}}
          - {name: max_pad, kind: max_pooling, input: [5, 6], kernel: [3, 2], stride: [2, 1], padding: [1, 1], values: {seed: 9}}
          - {name: avg_pad, kind: average_pooling, input: 5, kernel: 3, stride: 2, padding: 1, values: {seed: 2}}
          - {name: plain_t, kind: transposed, input: 6, kernel: 3, stride: 2, padding: 1}
          - {name: uneven, input: [5, 7], kernel: [3, 2], stride: [2, 1], padding: {top: 1, bottom: 2, left: 0, right: 1}, values: {seed: 4}}
          - {name: causal, input: [1, 9], kernel: [1, 2], dilation: [1, 4], padding: causal, values: {seed: 8}}
          - {name: same_even, input: 6, kernel: 4, padding: same, values: {seed: 6}}
          - {name: same_even_plain, input: 6, kernel: 4, padding: same}
          - {name: same_strided, input: [6, 7], kernel: [2, 3], stride: 2, padding: same, values: {seed: 12}}
          - {name: max_uneven, kind: max_pooling, input: [4, 6], kernel: 2, stride: 2, padding: {bottom: 1, right: 1}, values: {seed: 13}}
          - {name: avg_uneven, kind: average_pooling, input: [4, 5], kernel: 3, padding: {top: 1, left: 1}, values: {seed: 14}}
          - {name: avg_dilated, kind: average_pooling, input: 5, kernel: 2, dilation: 2, values: {seed: 15}}
          - {name: avg_dilated_padded, kind: average_pooling, input: 6, kernel: 2, stride: 2, dilation: 2, padding: 1, values: {seed: 16}}
          - {name: max_dilated, kind: max_pooling, input: 6, kernel: 2, dilation: 3, padding: 1, values: {seed: 17}}
          - {name: tf_same, input: 6, kernel: 3, stride: 2, padding: same, values: {seed: 4}}
          - {name: tf_same_even, input: [5, 7], kernel: [4, 2], padding: same, values: {seed: 6}}
          - {name: sides_max, kind: max_pooling, input: [5, 6], kernel: 3, padding: {top: 1, left: 1}, values: {seed: 10}}
          - {name: sides_avg, kind: average_pooling, input: 5, kernel: 2, stride: 2, padding: same, values: {seed: 12}}
          - {name: dilated_avg_same, kind: average_pooling, input: 6, kernel: 2, dilation: 2, padding: same, values: {seed: 15}}
        """;

    private static readonly string[] ExtraNames =
    [
        "rect_t", "rect_c", "framework_t", "max_pad", "avg_pad", "plain_t", "uneven", "causal", "same_even", "same_even_plain",
        "same_strided", "max_uneven", "avg_uneven", "avg_dilated", "avg_dilated_padded", "max_dilated", "tf_same", "tf_same_even",
        "sides_max", "sides_avg", "dilated_avg_same",
    ];

    public static IEnumerable<object[]> Cases() =>
        // Multi-channel figures' snippets are checked by ChannelTests, chains' by ChainPyTorchTests, fully connected ones by ConnectivityViewTests; composed figures have none.
        Repo.FigureNames().Where(n => Repo.Figure((string)n[0]) is { Channels.IsMulti: false, Parts.Count: 0, Kind.IsDense: false }).Select(n => new object[] { "figures.yaml", (string)n[0] })
            .Concat(ExtraNames.Select(n => new object[] { "extra", n }));

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_snippet_builds_the_figures_layer_and_checks_its_numbers(string source, string name)
    {
        var figure = source == "extra" ? ViewTable.Default.Parse(Extra, "extra.yaml").Figures.Single(f => f.Name == name) : Repo.Figure(name);
        AssertRunsAsPyTorch(figure);
    }

    /// <summary>
    /// Every figure the reader accepts, of every kind and padding the figure language has (numbers, sides, words,
    /// causal 1-D), has a snippet whose shape and numbers hold under PyTorch's semantics.
    /// </summary>
    [Fact]
    public void Every_figure_the_reader_accepts_has_a_snippet_that_holds_under_pytorchs_semantics()
    {
        var paddings = new[] { "0", "1", "2", "[1, 0]", "valid", "same", "half", "full", "causal", "{top: 1, bottom: 2}", "{left: 2, right: 1}", "{top: 2, right: 1}", "{bottom: 1}" };
        var kinds = Kind.All.Select(k => k.Name).ToArray();
        var gen =
            from kind in Gen.Int[0, kinds.Length - 1].Select(i => kinds[i])
            from oneRow in Gen.Bool
            from rows in Gen.Int[1, 6]
            from cols in Gen.Int[1, 7]
            from kr in Gen.Int[1, 3]
            from kc in Gen.Int[1, 3]
            from sr in Gen.Int[1, 3]
            from sc in Gen.Int[1, 3]
            from dr in Gen.Int[1, 3]
            from dc in Gen.Int[1, 3]
            from padding in Gen.Int[0, paddings.Length - 1].Select(i => paddings[i])
            from numbers in Gen.Bool
            from seed in Gen.Int[0, 1000]
            select oneRow
                ? $"{{name: f, kind: {kind}, input: [1, {cols}], kernel: [1, {kc}], stride: [1, {sc}], dilation: [1, {dc}], padding: {padding}{(numbers ? $", values: {{seed: {seed}}}" : "")}}}"
                : $"{{name: f, kind: {kind}, input: [{rows}, {cols}], kernel: [{kr}, {kc}], stride: [{sr}, {sc}], dilation: [{dr}, {dc}], padding: {padding}{(numbers ? $", values: {{seed: {seed}}}" : "")}}}";
        var accepted = 0;
        gen.Sample(yaml =>
        {
            var file = ViewTable.Default.Parse($"figures:\n  - {yaml}\n", "random.yaml");
            if (!file.IsValid) return;
            accepted++;
            AssertRunsAsPyTorch(file.Figures[0]);
        }, iter: 1500, seed: "0N2dHN1e1bCP");
        Assert.True(accepted > 300, $"only {accepted} of the random figures were accepted: the generator tests too little");
    }

    [Fact]
    public void The_guides_strided_figure_expects_the_right_numbers()
    {
        var snippet = PyTorchProgram.Write(Repo.Animation("numerical_padding_strides"));
        Assert.Contains("layer = nn.Conv2d(1, 1, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), dilation=(1, 1), bias=False, dtype=torch.float64)", snippet);
        Assert.Contains("expected = torch.tensor([[6, 17, 3], [8, 17, 13], [6, 4, 4]], dtype=torch.float64)", snippet);
    }

    [Fact]
    public void Uneven_padding_goes_in_with_f_pad_or_pytorchs_same()
    {
        var figures = ViewTable.Default.Parse(Extra, "extra.yaml").Figures.ToDictionary(f => f.Name);
        string Snippet(string name) => PyTorchProgram.Write(Layouter.Layout(figures[name]));
        Assert.Contains("y = layer(F.pad(x, (0, 1, 1, 2)))", Snippet("uneven"));
        Assert.Contains("padding=(0, 0)", Snippet("uneven"));
        Assert.Contains("y = layer(F.pad(x, (4, 0, 0, 0)))", Snippet("causal"));
        Assert.Contains("padding=\"same\"", Snippet("same_even"));
        Assert.Contains("value=float(\"-inf\")", Snippet("max_uneven"));
        Assert.Contains("nn.Conv2d(1, 1, kernel_size=(2, 2), stride=(1, 1), padding=(0, 0), dilation=(2, 2), groups=1", Snippet("avg_dilated"));
    }

    [Fact]
    public void Explain_prints_the_snippet()
    {
        var result = InProcess.Convanim("explain", "padding_strides_odd_transposed", "--pytorch", "--file", Repo.FiguresFile);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("nn.ConvTranspose2d(1, 1, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1), dilation=(1, 1)", result.Stdout);
        Assert.Contains("x = torch.zeros(1, 1, 3, 3", result.Stdout);
    }

    [Fact]
    public void A_composed_figure_has_no_snippet_and_says_which_parts_do()
    {
        var result = InProcess.Convanim("explain", "convolution_then_transposed", "--pytorch", "--file", Repo.FiguresFile);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no_padding_no_strides, no_padding_no_strides_transposed", result.Stderr);
    }

    private static void AssertRunsAsPyTorch(Figure figure)
    {
        var snippet = PyTorchProgram.Write(Layouter.Layout(figure));
        var program = Program.Parse(snippet);
        var expectedType = figure.Kind.Name switch
        {
            "convolution" => "Conv2d",
            "transposed" => "ConvTranspose2d",
            "max_pooling" => "MaxPool2d",
            // AvgPool2d has no dilation: a dilated one is the equivalent grouped convolution.
            _ => figure.Geometry.Dilation == new Arithmetic.Size2(1, 1) ? "AvgPool2d" : "Conv2d",
        };
        Assert.Equal(expectedType, program.Type);
        if (program.Type == "AvgPool2d") Assert.Contains("count_include_pad=True", snippet);
        Assert.Equal((figure.AnimatedInput.Rows, figure.AnimatedInput.Cols), program.Input);
        Assert.Equal((figure.AnimatedOutput.Rows, figure.AnimatedOutput.Cols), program.OutputShape());
        Assert.Equal(program.OutputShape(), program.AssertedShape);

        if (figure.Values is null)
        {
            Assert.DoesNotContain("expected", snippet);
            return;
        }
        Assert.NotNull(program.X);
        Assert.Equal(program.Type is "Conv2d" or "ConvTranspose2d", program.Weight is not null);
        var actual = program.Run();
        var expected = program.Expected!;
        for (var r = 0; r < actual.GetLength(0); r++)
        for (var c = 0; c < actual.GetLength(1); c++)
        {
            Assert.True(Math.Abs(actual[r, c] - expected[r, c]) < 1e-9, $"{figure.Name} at ({r}, {c}): PyTorch computes {actual[r, c]}, the snippet expects {expected[r, c]}\n{snippet}");
        }
    }

    /// <summary>
    /// A snippet as PyTorch would read it, and PyTorch's semantics written from its documentation: padding="same"
    /// (stride 1: d(k-1) in all, half of it rounded down before), F.pad, cross-correlation, the transpose as scatter-add
    /// and crop, minus infinity and zero padding for pooling.
    /// </summary>
    private sealed partial record Program(
        string Type, Dictionary<string, (int, int)> Pairs, bool Same, (int Left, int Right, int Top, int Bottom, double Value)? Pad,
        (int Rows, int Cols) Input, double[,]? X, double[,]? Weight, double[,]? Expected, (int, int) AssertedShape)
    {
        [GeneratedRegex(@"^layer = nn\.(\w+)\((.*)\)$", RegexOptions.Multiline)]
        private static partial Regex Layer();

        [GeneratedRegex(@"(\w+)=\((\d+), (\d+)\)")]
        private static partial Regex PairArgument();

        [GeneratedRegex(@"^x = torch\.(?:tensor\((.*?), dtype=torch\.float64\)\.reshape|zeros)\(1, 1, (\d+), (\d+)", RegexOptions.Multiline)]
        private static partial Regex InputLine();

        [GeneratedRegex(@"^\s*layer\.weight\.copy_\(torch\.tensor\((.*?), dtype", RegexOptions.Multiline)]
        private static partial Regex WeightCopy();

        [GeneratedRegex(@"^\s*layer\.weight\.fill_\(1 / (\d+)\)", RegexOptions.Multiline)]
        private static partial Regex WeightFill();

        [GeneratedRegex(@"^expected = torch\.tensor\((.*?), dtype", RegexOptions.Multiline)]
        private static partial Regex ExpectedLine();

        [GeneratedRegex(@"^assert y\.shape == \(1, 1, (\d+), (\d+)\)", RegexOptions.Multiline)]
        private static partial Regex ShapeLine();

        [GeneratedRegex(@"^y = layer\((.*)\)$", RegexOptions.Multiline)]
        private static partial Regex Call();

        [GeneratedRegex(@"^F\.pad\(x, \((\d+), (\d+), (\d+), (\d+)\)(, value=float\(""-inf""\))?\)$")]
        private static partial Regex PadCall();

        public static Program Parse(string snippet)
        {
            var layer = Layer().Match(snippet);
            Assert.True(layer.Success, snippet);
            var (type, args) = (layer.Groups[1].Value, layer.Groups[2].Value);
            var pairs = PairArgument().Matches(args).ToDictionary(m => m.Groups[1].Value, m => (int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)));
            var input = InputLine().Match(snippet);
            Assert.True(input.Success, snippet);
            var call = Call().Match(snippet).Groups[1].Value;
            (int, int, int, int, double)? pad = null;
            if (call != "x")
            {
                var p = PadCall().Match(call);
                Assert.True(p.Success, $"the layer is called on {call}");
                int At(int i) => int.Parse(p.Groups[i].Value, CultureInfo.InvariantCulture);
                pad = (At(1), At(2), At(3), At(4), p.Groups[5].Success ? double.NegativeInfinity : 0);
                Assert.Contains("import torch.nn.functional as F", snippet);
            }
            var weight = WeightCopy().Match(snippet) is { Success: true } w ? Matrix(w.Groups[1].Value) : null;
            if (WeightFill().Match(snippet) is { Success: true } fill)
            {
                var k = pairs["kernel_size"];
                var n = int.Parse(fill.Groups[1].Value, CultureInfo.InvariantCulture);
                Assert.Equal(k.Item1 * k.Item2, n);
                weight = new double[k.Item1, k.Item2];
                for (var r = 0; r < k.Item1; r++)
                for (var c = 0; c < k.Item2; c++) weight[r, c] = 1.0 / n;
            }
            var shape = ShapeLine().Match(snippet);
            Assert.True(shape.Success, snippet);
            return new Program(type, pairs, args.Contains("padding=\"same\"", StringComparison.Ordinal), pad,
                (int.Parse(input.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(input.Groups[3].Value, CultureInfo.InvariantCulture)),
                input.Groups[1].Success ? Matrix(input.Groups[1].Value) : null, weight,
                ExpectedLine().Match(snippet) is { Success: true } e ? Matrix(e.Groups[1].Value) : null,
                (int.Parse(shape.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(shape.Groups[2].Value, CultureInfo.InvariantCulture)));
        }

        private (int Rows, int Cols) K => Pairs["kernel_size"];

        private (int Rows, int Cols) S => Pairs["stride"];

        private (int Rows, int Cols) D => Pairs.GetValueOrDefault("dilation", (1, 1));

        /// <summary>The layer's own symmetric padding: its pair, or for "same" (stride 1 only) none, the sides going into <see cref="Sides"/>.</summary>
        private (int Rows, int Cols) P => Same ? (0, 0) : Pairs["padding"];

        /// <summary>What the input is padded with before the layer: F.pad's sides, or PyTorch's "same" split.</summary>
        private (int Top, int Bottom, int Left, int Right, double Value) Sides
        {
            get
            {
                if (Pad is { } pad) return (pad.Top, pad.Bottom, pad.Left, pad.Right, pad.Value);
                if (!Same) return (0, 0, 0, 0, 0);
                Assert.Equal((1, 1), S);
                var (tr, tc) = (D.Rows * (K.Rows - 1), D.Cols * (K.Cols - 1));
                return (tr / 2, tr - tr / 2, tc / 2, tc - tc / 2, 0);
            }
        }

        private (int Rows, int Cols) PaddedInput => (Input.Rows + Sides.Top + Sides.Bottom, Input.Cols + Sides.Left + Sides.Right);

        /// <summary>PyTorch's documented output size per axis.</summary>
        public (int Rows, int Cols) OutputShape()
        {
            int Out(int i, int k, int s, int p, int d, int outputPadding) => Type switch
            {
                "ConvTranspose2d" => (i - 1) * s - 2 * p + d * (k - 1) + outputPadding + 1,
                "AvgPool2d" => (i + 2 * p - k) / s + 1,
                _ => (i + 2 * p - d * (k - 1) - 1) / s + 1,
            };
            var a = Pairs.GetValueOrDefault("output_padding", (0, 0));
            return (Out(PaddedInput.Rows, K.Rows, S.Rows, P.Rows, D.Rows, a.Item1), Out(PaddedInput.Cols, K.Cols, S.Cols, P.Cols, D.Cols, a.Item2));
        }

        public double[,] Run()
        {
            var x = PadInput(X!);
            var size = OutputShape();
            var (k, s, p, d) = (K, S, P, D);
            var y = new double[size.Rows, size.Cols];
            if (Type == "ConvTranspose2d")
            {
                var full = new double[size.Rows + 2 * p.Rows, size.Cols + 2 * p.Cols];
                for (var r = 0; r < x.GetLength(0); r++)
                for (var c = 0; c < x.GetLength(1); c++)
                for (var a = 0; a < k.Rows; a++)
                for (var b = 0; b < k.Cols; b++)
                {
                    var (fr, fc) = (r * s.Rows + a * d.Rows, c * s.Cols + b * d.Cols);
                    if (fr < full.GetLength(0) && fc < full.GetLength(1)) full[fr, fc] += x[r, c] * Weight![a, b];
                }
                for (var r = 0; r < size.Rows; r++)
                for (var c = 0; c < size.Cols; c++) y[r, c] = full[r + p.Rows, c + p.Cols];
                return y;
            }
            for (var r = 0; r < size.Rows; r++)
            for (var c = 0; c < size.Cols; c++)
            {
                var taps = new List<(double Value, bool Padding)>();
                for (var a = 0; a < k.Rows; a++)
                for (var b = 0; b < k.Cols; b++)
                {
                    var (xr, xc) = (r * s.Rows + a * d.Rows - p.Rows, c * s.Cols + b * d.Cols - p.Cols);
                    var inside = xr >= 0 && xc >= 0 && xr < x.GetLength(0) && xc < x.GetLength(1);
                    taps.Add((inside ? x[xr, xc] * (Weight?[a, b] ?? 1) : 0, !inside));
                }
                y[r, c] = Type switch
                {
                    "MaxPool2d" => taps.Where(t => !t.Padding).Select(t => t.Value).DefaultIfEmpty(double.NegativeInfinity).Max(),
                    "AvgPool2d" => taps.Sum(t => t.Value) / (k.Rows * k.Cols),
                    _ => taps.Sum(t => t.Value),
                };
            }
            return y;
        }

        private double[,] PadInput(double[,] x)
        {
            var (top, bottom, left, right, value) = Sides;
            var padded = new double[x.GetLength(0) + top + bottom, x.GetLength(1) + left + right];
            for (var r = 0; r < padded.GetLength(0); r++)
            for (var c = 0; c < padded.GetLength(1); c++)
            {
                var (xr, xc) = (r - top, c - left);
                padded[r, c] = xr >= 0 && xc >= 0 && xr < x.GetLength(0) && xc < x.GetLength(1) ? x[xr, xc] : value;
            }
            return padded;
        }

        private static double[,] Matrix(string text)
        {
            var rows = JsonNode.Parse(text)!.AsArray();
            var m = new double[rows.Count, rows[0]!.AsArray().Count];
            for (var r = 0; r < m.GetLength(0); r++)
            for (var c = 0; c < m.GetLength(1); c++) m[r, c] = rows[r]![c]!.GetValue<double>();
            return m;
        }
    }
}
