using System.Text.RegularExpressions;
using ConvAnimations.Preparation;
using ConvAnimations.Tests.Layout;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;
using CsCheck;

namespace ConvAnimations.Tests.Cli;

/// <summary>
/// <c>explain --pytorch</c> of a chain read back as PyTorch would run it: its <c>nn.Sequential</c>'s modules (the pads
/// before them, F.pad as a module) taken through a model of PyTorch's operators, written here from PyTorch's
/// documentation (its size formulas and the arguments it refuses), give the shape the program asserts after each
/// layer, and the chain's maps.
/// </summary>
public sealed partial class ChainPyTorchTests
{
    [GeneratedRegex(@"^    (nn\..*),$", RegexOptions.Multiline)]
    private static partial Regex Module();

    [GeneratedRegex(@"^nn\.Sequential\(nn\.(?:ZeroPad2d\(|ConstantPad2d\()\((\d+), (\d+), (\d+), (\d+)\)(?:, float\(""-inf""\))?\), (.*)\)$")]
    private static partial Regex Padded();

    [GeneratedRegex(@"^nn\.(Conv2d|ConvTranspose2d|MaxPool2d|AvgPool2d)\((.*)\)$")]
    private static partial Regex Layer();

    [GeneratedRegex(@"(\w+)=\((\d+), (\d+)\)")]
    private static partial Regex PairArgument();

    [GeneratedRegex(@"^x = torch\.zeros\(1, (\d+), (\d+), (\d+), dtype=torch\.float64\)$", RegexOptions.Multiline)]
    private static partial Regex Input();

    [GeneratedRegex(@"^shapes = \[(.*)\]$", RegexOptions.Multiline)]
    private static partial Regex Shapes();

    [Theory]
    [InlineData("wavenet")]
    [InlineData("encoder_decoder")]
    [InlineData("lenet_features")]
    public void The_figures_programs_assert_the_shapes_pytorch_gives(string name) => Check(Repo.Prepared(name));

    [Fact]
    public void Random_chains_programs_assert_the_shapes_pytorch_gives()
    {
        var checkedChains = 0;
        LayerChainTests.Chains.Sample(spec =>
        {
            var file = ViewTable.Default.Parse(spec.Yaml, "chain.yaml");
            if (!file.IsValid) return;
            Check(file.Figures[0].Prepared());
            Interlocked.Increment(ref checkedChains);
        }, iter: 300, threads: 1);
        Assert.True(checkedChains > 80, $"only {checkedChains} of 300 random chains were valid");
    }

    [Fact]
    public void Padding_per_side_goes_through_f_pad_as_a_module_and_max_pooling_pads_with_minus_infinity()
    {
        var program = Repo.Prepared("wavenet").PyTorch(out _)!;
        Assert.Contains("    nn.Sequential(nn.ZeroPad2d((8, 0, 0, 0)), nn.Conv2d(1, 1, kernel_size=(1, 2), stride=(1, 1), padding=(0, 0), dilation=(1, 8), bias=False, dtype=torch.float64)),", program);
        Assert.Contains("shapes = [(1, 1, 1, 16), (1, 1, 1, 16), (1, 1, 1, 16), (1, 1, 1, 16)]", program);
        var pooled = ViewTable.Default.Parse("figures:\n  - {name: c, input: 5, layers: [{kind: max_pooling, kernel: 3, padding: {top: 1, left: 1}}, {kind: average_pooling, kernel: 3, dilation: 2, padding: 2}]}\n", "c.yaml");
        var text = Assert.Single(pooled.Figures).Prepared().PyTorch(out _)!;
        Assert.Contains("nn.Sequential(nn.ConstantPad2d((1, 0, 1, 0), float(\"-inf\")), nn.MaxPool2d(kernel_size=(3, 3), stride=(1, 1), padding=(0, 0), dilation=(1, 1))),", text);
        // AvgPool2d has no dilation: the same average is a convolution of weights 1/9, set after the model is made.
        Assert.Contains("    model[1].weight.fill_(1 / 9)", text);
    }

    private static void Check(PreparedFigure prepared)
    {
        var program = prepared.PyTorch(out var why);
        Assert.True(program is not null, why);
        var chain = prepared.Animation.Layers!;
        var input = Input().Match(program);
        Assert.True(input.Success, program);
        var shape = (C: int.Parse(input.Groups[1].Value), H: int.Parse(input.Groups[2].Value), W: int.Parse(input.Groups[3].Value));
        var modelled = new List<(int, int, int)>();
        foreach (Match module in Module().Matches(program))
        {
            shape = Forward(module.Groups[1].Value, shape);
            modelled.Add(shape);
        }
        Assert.Equal(chain.Count, modelled.Count);
        Assert.Equal(Enumerable.Range(1, chain.Count).Select(m => (chain.Channels(m), chain.Map(m).Rows, chain.Map(m).Cols)), modelled);
        Assert.Equal($"shapes = [{string.Join(", ", modelled.Select(s => $"(1, {s.Item1}, {s.Item2}, {s.Item3})"))}]", Shapes().Match(program).Value);
    }

    /// <summary>PyTorch's shape after one module of the program: F.pad's sides, then its layer's documented size formula.</summary>
    private static (int C, int H, int W) Forward(string module, (int C, int H, int W) x)
    {
        if (Padded().Match(module) is { Success: true } pad)
        {
            var sides = pad.Groups.Values.Skip(1).Take(4).Select(g => int.Parse(g.Value)).ToArray();
            x = (x.C, x.H + sides[2] + sides[3], x.W + sides[0] + sides[1]);
            module = pad.Groups[5].Value;
        }
        var layer = Layer().Match(module);
        Assert.True(layer.Success, module);
        var (type, args) = (layer.Groups[1].Value, layer.Groups[2].Value);
        var pairs = PairArgument().Matches(args).ToDictionary(m => m.Groups[1].Value, m => (int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value)));
        var same = args.Contains("padding=\"same\"", StringComparison.Ordinal);
        int Out(int axis, int i)
        {
            int Get(string key, int fallback) => pairs.TryGetValue(key, out var p) ? (axis == 0 ? p.Item1 : p.Item2) : fallback;
            var (k, s, p, d) = (Get("kernel_size", -1), Get("stride", -1), Get("padding", 0), Get("dilation", 1));
            if (same)
            {
                Assert.Equal(1, s); // PyTorch refuses padding="same" with a stride
                return i;
            }
            switch (type)
            {
                case "ConvTranspose2d":
                    var a = Get("output_padding", 0);
                    Assert.True(a < Math.Max(s, d), $"output_padding {a} must be below the stride or the dilation: {module}");
                    return (i - 1) * s - 2 * p + d * (k - 1) + a + 1;
                case "AvgPool2d":
                    Assert.True(2 * p <= k, $"AvgPool2d pads at most half its window: {module}");
                    return (i + 2 * p - k) / s + 1;
                case "MaxPool2d":
                    Assert.True(2 * p <= d * (k - 1) + 1, $"MaxPool2d pads at most half its window: {module}");
                    return (i + 2 * p - d * (k - 1) - 1) / s + 1;
                default:
                    return (i + 2 * p - d * (k - 1) - 1) / s + 1;
            }
        }
        var channels = x.C;
        if (type is "Conv2d" or "ConvTranspose2d")
        {
            var numbers = Regex.Match(args, @"^(\d+), (\d+)");
            Assert.Equal(x.C, int.Parse(numbers.Groups[1].Value));
            channels = int.Parse(numbers.Groups[2].Value);
            var groups = Regex.Match(args, @"groups=(\d+)") is { Success: true } g ? int.Parse(g.Groups[1].Value) : 1;
            Assert.True(x.C % groups == 0 && channels % groups == 0, $"groups {groups} must divide {x.C} and {channels}: {module}");
        }
        return (channels, Out(0, x.H), Out(1, x.W));
    }
}
