using ConvAnimations.Explain;
using ConvAnimations.Views;
using ConvAnimations.Preparation;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConvAnimations.Cli.Commands;
using ConvAnimations.Layout;
using ConvAnimations.Tests.Support;

namespace ConvAnimations.Tests.Cli;

/// <summary>
/// `explain --pytorch` read back as PyTorch would run it: the layer's arguments through PyTorch's documented size
/// formulas give the figure's output, and for numerical figures the tensors through a small model of PyTorch's
/// conv2d, conv_transpose2d, max_pool2d and avg_pool2d give the expected output the snippet asserts.
/// </summary>
public sealed partial class PyTorchSnippetTests
{
    [GeneratedRegex(@"^layer = nn\.(\w+)\((.*)\)$", RegexOptions.Multiline)]
    private static partial Regex Layer();

    [GeneratedRegex(@"(\w+)=\((\d+), (\d+)\)")]
    private static partial Regex PairArgument();

    [GeneratedRegex(@"^x = torch\.(?:tensor\((.*?), dtype=torch\.float64\)\.reshape|zeros)\(1, 1, (\d+), (\d+)", RegexOptions.Multiline)]
    private static partial Regex Input();

    [GeneratedRegex(@"^\s*layer\.weight\.copy_\(torch\.tensor\((.*?), dtype", RegexOptions.Multiline)]
    private static partial Regex Weight();

    [GeneratedRegex(@"^expected = torch\.tensor\((.*?), dtype", RegexOptions.Multiline)]
    private static partial Regex Expected();

    [GeneratedRegex(@"^assert y\.shape == \(1, 1, (\d+), (\d+)\)", RegexOptions.Multiline)]
    private static partial Regex Shape();

    private const string Extra = """
        figures:
          - {name: rect_t, kind: transposed, input: [6, 9], kernel: [3, 2], stride: [2, 3], padding: [1, 0], dilation: [1, 2], values: {seed: 5}}
          - {name: rect_c, input: [7, 6], kernel: [3, 2], stride: [2, 1], padding: [1, 2], dilation: [2, 1], values: {seed: 11}}
          - {name: framework_t, kind: transposed, transposed_input: 3, output_padding: 1, kernel: 3, stride: 2, padding: 1, values: {seed: 3}}
          - {name: max_pad, kind: max_pooling, input: [5, 6], kernel: [3, 2], stride: [2, 1], padding: [1, 1], values: {seed: 9}}
          - {name: avg_pad, kind: average_pooling, input: 5, kernel: 3, stride: 2, padding: 1, values: {seed: 2}}
          - {name: plain_t, kind: transposed, input: 6, kernel: 3, stride: 2, padding: 1}
        """;

    public static IEnumerable<object[]> Cases() =>
        // Multi-channel figures' snippets are checked by ChannelTests, fully connected ones by ConnectivityTests.
        Repo.FigureNames().Where(n => Repo.Figure((string)n[0]) is { Channels.IsMulti: false, Kind.IsDense: false }).Select(n => new object[] { "figures.yaml", (string)n[0] })
            .Concat(new[] { "rect_t", "rect_c", "framework_t", "max_pad", "avg_pad", "plain_t" }.Select(n => new object[] { "extra", n }));

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_snippet_builds_the_figures_layer_and_checks_its_numbers(string source, string name)
    {
        var figure = source == "extra" ? ViewTable.Default.Parse(Extra, "extra.yaml").Figures.Single(f => f.Name == name) : Repo.Figure(name);
        var animation = Layouter.Layout(figure);
        var snippet = PyTorchProgram.Write(animation);

        var layer = Layer().Match(snippet);
        Assert.True(layer.Success, snippet);
        var (type, args) = (layer.Groups[1].Value, layer.Groups[2].Value);
        Assert.Equal(figure.Kind.Name switch
        {
            "convolution" => "Conv2d",
            "transposed" => "ConvTranspose2d",
            "max_pooling" => "MaxPool2d",
            _ => "AvgPool2d",
        }, type);
        var pairs = PairArgument().Matches(args).ToDictionary(m => m.Groups[1].Value, m => (int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value)));
        if (type == "AvgPool2d") Assert.Contains("count_include_pad=True", args);
        var input = Input().Match(snippet);
        Assert.True(input.Success, snippet);
        var inSize = (int.Parse(input.Groups[2].Value), int.Parse(input.Groups[3].Value));

        // PyTorch's documented output sizes, per axis.
        int Out(int axis)
        {
            int Get(string key, int fallback) => pairs.TryGetValue(key, out var p) ? (axis == 0 ? p.Item1 : p.Item2) : fallback;
            var (i, k, s, p, d) = (axis == 0 ? inSize.Item1 : inSize.Item2, Get("kernel_size", -1), Get("stride", -1), Get("padding", -1), Get("dilation", 1));
            return type switch
            {
                "ConvTranspose2d" => (i - 1) * s - 2 * p + d * (k - 1) + Get("output_padding", -1) + 1,
                "AvgPool2d" => (i + 2 * p - k) / s + 1,
                _ => (i + 2 * p - d * (k - 1) - 1) / s + 1,
            };
        }
        Assert.Equal((figure.AnimatedInput.Rows, figure.AnimatedInput.Cols), inSize);
        Assert.Equal((figure.AnimatedOutput.Rows, figure.AnimatedOutput.Cols), (Out(0), Out(1)));
        var shape = Shape().Match(snippet);
        Assert.Equal((Out(0), Out(1)), (int.Parse(shape.Groups[1].Value), int.Parse(shape.Groups[2].Value)));

        if (figure.Values is null)
        {
            Assert.DoesNotContain("expected", snippet);
            return;
        }
        var x = Matrix(input.Groups[1].Value);
        var expected = Matrix(Expected().Match(snippet).Groups[1].Value);
        var weight = Weight().Match(snippet) is { Success: true } w ? Matrix(w.Groups[1].Value) : null;
        Assert.Equal(type is "Conv2d" or "ConvTranspose2d", weight is not null);
        var actual = Model(type, x, weight, pairs, (Out(0), Out(1)));
        for (var r = 0; r < actual.GetLength(0); r++)
        for (var c = 0; c < actual.GetLength(1); c++)
        {
            Assert.True(Math.Abs(actual[r, c] - expected[r, c]) < 1e-9, $"{name} at ({r}, {c}): PyTorch computes {actual[r, c]}, the snippet expects {expected[r, c]}");
        }
    }

    [Fact]
    public void The_guides_strided_figure_expects_the_right_numbers()
    {
        var snippet = PyTorchProgram.Write(Repo.Animation("numerical_padding_strides"));
        Assert.Contains("layer = nn.Conv2d(1, 1, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), dilation=(1, 1), bias=False, dtype=torch.float64)", snippet);
        Assert.Contains("expected = torch.tensor([[6, 17, 3], [8, 17, 13], [6, 4, 4]], dtype=torch.float64)", snippet);
    }

    [Fact]
    public void Explain_prints_the_snippet()
    {
        var result = InProcess.Convanim("explain", "padding_strides_odd_transposed", "--pytorch", "--file", Repo.FiguresFile);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("nn.ConvTranspose2d(1, 1, kernel_size=(3, 3), stride=(2, 2), padding=(1, 1), output_padding=(1, 1), dilation=(1, 1)", result.Stdout);
        Assert.Contains("x = torch.zeros(1, 1, 3, 3", result.Stdout);
    }

    private static double[,] Matrix(string text)
    {
        var rows = JsonNode.Parse(text)!.AsArray();
        var m = new double[rows.Count, rows[0]!.AsArray().Count];
        for (var r = 0; r < m.GetLength(0); r++)
        for (var c = 0; c < m.GetLength(1); c++) m[r, c] = rows[r]![c]!.GetValue<double>();
        return m;
    }

    /// <summary>PyTorch's semantics, written from its documentation: cross-correlation, the transpose as scatter-add and crop, -inf and zero padding for pooling.</summary>
    private static double[,] Model(string type, double[,] x, double[,]? w, Dictionary<string, (int, int)> args, (int Rows, int Cols) size)
    {
        var (k, s, p, d) = (args["kernel_size"], args["stride"], args["padding"], args.GetValueOrDefault("dilation", (1, 1)));
        var y = new double[size.Rows, size.Cols];
        if (type == "ConvTranspose2d")
        {
            var full = new double[size.Rows + 2 * p.Item1, size.Cols + 2 * p.Item2];
            for (var r = 0; r < x.GetLength(0); r++)
            for (var c = 0; c < x.GetLength(1); c++)
            for (var a = 0; a < k.Item1; a++)
            for (var b = 0; b < k.Item2; b++)
            {
                var (fr, fc) = (r * s.Item1 + a * d.Item1, c * s.Item2 + b * d.Item2);
                if (fr < full.GetLength(0) && fc < full.GetLength(1)) full[fr, fc] += x[r, c] * w![a, b];
            }
            for (var r = 0; r < size.Rows; r++)
            for (var c = 0; c < size.Cols; c++) y[r, c] = full[r + p.Item1, c + p.Item2];
            return y;
        }
        for (var r = 0; r < size.Rows; r++)
        for (var c = 0; c < size.Cols; c++)
        {
            var taps = new List<(double Value, bool Padding)>();
            for (var a = 0; a < k.Item1; a++)
            for (var b = 0; b < k.Item2; b++)
            {
                var (xr, xc) = (r * s.Item1 + a * d.Item1 - p.Item1, c * s.Item2 + b * d.Item2 - p.Item2);
                var inside = xr >= 0 && xc >= 0 && xr < x.GetLength(0) && xc < x.GetLength(1);
                taps.Add((inside ? x[xr, xc] * (w?[a, b] ?? 1) : 0, !inside));
            }
            y[r, c] = type switch
            {
                "MaxPool2d" => taps.Where(t => !t.Padding).Max(t => t.Value),
                "AvgPool2d" => taps.Sum(t => t.Value) / (k.Item1 * k.Item2),
                _ => taps.Sum(t => t.Value),
            };
        }
        return y;
    }
}
