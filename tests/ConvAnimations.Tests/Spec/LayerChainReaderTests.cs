using ConvAnimations.Spec;
using ConvAnimations.Views;

namespace ConvAnimations.Tests.Spec;

/// <summary>
/// Chains of layers as the reader takes them: sizes and maps carried from layer to layer, the defaults' operation
/// keys, and every bad chain an error at the line and column of its cause that names the layer, and, when the layer
/// does not fit its input, the layer that produced that input.
/// </summary>
public sealed class LayerChainReaderTests
{
    private const string Head = "figures:\n  - name: c\n    input: 6\n    layers:\n";

    // yaml, line, column, words the message must contain
    public static TheoryData<string, int, int, string> Bad => new()
    {
        { "figures:\n  - name: c\n    input: 3\n    layers:\n      - {kernel: 3}\n      - {kernel: 3}\n", 6, 18,
            "layer 2 (its 1x1 input is what layer 1 produced): kernel: the window spans d(k-1)+1 = 3 cells, more than the padded input i+2p = 1" },
        { "figures:\n  - name: c\n    input: 3\n    layers:\n      - {kernel: 5}\n", 5, 18, "layer 1 (its 3x3 input is the chain's input): kernel: the window spans d(k-1)+1 = 5 cells" },
        { "figures:\n  - name: c\n    input: 8\n    in_channels: 4\n    layers:\n      - {kernel: 3, out_channels: 6}\n      - {kernel: 3, groups: 4}\n", 7, 29,
            "layer 2 (its 6x6x6 input is what layer 1 produced): groups: in_channels 6 is not divisible by groups 4" },
        { Head + "      - {kernel: 3, strid: 2}\n", 5, 21, "unknown key 'strid' in layer 1 (did you mean 'stride'?)" },
        { Head + "      - {kernel: 3}\n      - {input: 4, kernel: 3}\n", 6, 10, "layer 2: 'input' is not a key of a layer: its input is what layer 1 produced" },
        { Head + "      - {in_channels: 2, kernel: 3}\n", 5, 10, "layer 1: 'in_channels' is not a key of a layer: its input is the chain's input" },
        { Head + "      - {stride: 2}\n", 5, 9, "layer 1: needs a 'kernel' size" },
        { Head + "      - {kernel: three}\n", 5, 18, "layer 1: kernel: expected a whole number or [rows, cols], got 'three'" },
        { Head + "      - {kernel: 3, output_padding: 1}\n", 5, 37, "layer 1: output_padding is for kind: transposed layers" },
        { Head + "      - {kind: transposed, kernel: 3, stride: 2, output_padding: 2}\n", 5, 66, "layer 1 (its 6x6 input is the chain's input): output_padding 2 must be below the stride 2" },
        { Head + "      - {kind: transposed, kernel: 3, padding: {top: 1, bottom: 0}}\n", 5, 48, "layer 1 (its 6x6 input is the chain's input): padding: a transposed figure pads both sides alike" },
        { Head + "      - {kind: max_pooling, kernel: 2, out_channels: 2}\n", 5, 54, "layer 1 (its 6x6 input is the chain's input): out_channels: pooling takes in_channels only" },
        { Head + "      - {kind: max_pooling, kernel: 2, padding: 2}\n", 5, 49, "padding: 2 is more than half the window" },
        { Head + "      - {kernel: 3, padding: causal}\n", 5, 30, "padding: 'causal' is for 1-D figures" },
        { Head + "      - {name: a, kernel: 3}\n      - {name: a, kernel: 3}\n", 6, 16, "layer 2: name 'a' is layer 1's already" },
        { Head + "      - {name: A, kernel: 3}\n", 5, 16, "layer 1: name 'A' is not allowed" },
        { Head + "      - 3\n", 5, 9, "layer 1: expected a mapping of one operation's keys such as {kernel: 3, stride: 2}, got '3'" },
        { Head + "      - {kernel: 3}\n      - [3]\n", 6, 9, "layer 2: expected a mapping of one operation's keys" },
        { "figures:\n  - name: c\n    input: 6\n    layers: []\n", 4, 13, "layers: expected a list of layers such as [{kernel: 3}" },
        { "figures:\n  - name: c\n    input: 6\n    layers: {kernel: 3}\n", 4, 13, "layers: expected a list of layers" },
        { "figures:\n  - name: c\n    layers:\n      - {kernel: 3}\n", 2, 5, "a chain of layers needs an 'input' size" },
        { "figures:\n  - name: c\n    input: 6\n    kernel: 3\n    layers:\n      - {kernel: 3}\n", 4, 5, "'kernel' is a key of each layer: set it on the layers" },
        { "figures:\n  - name: c\n    input: 6\n    values: {seed: 1}\n    layers:\n      - {kernel: 3}\n", 4, 5, "'values' does not go with a chain of layers" },
        { "figures:\n  - name: c\n    input: 6\n    view: matrix\n    layers:\n      - {kernel: 3}\n", 4, 11, "view: 'matrix' is not one of stack, blocks" },
        { "figures:\n  - {name: c, input: 6, kernel: 3, view: stack}\n", 2, 42, "view: stack draws a chain of layers: give 'layers'" },
        { "defaults:\n  layers: [{kernel: 3}]\nfigures:\n  - {name: c, input: 6, kernel: 3}\n", 2, 11, "'defaults' cannot set 'layers'" },
        { "figures:\n  - name: c\n    input: 6\n    panels: {frames: [36]}\n    layers:\n      - {kernel: 1}\n", 4, 23, "panels.frames: 36 is not a frame of this figure, which has frames 0 to 35" },
        { "figures:\n  - name: c\n    input: 4\n    layers:\n" + string.Concat(Enumerable.Repeat("      - {kernel: 1}\n", 33)), 5, 7, "layers: 33 layers, over the limit of 32 in one chain" },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void A_bad_chain_is_an_error_at_its_cause(string yaml, int line, int column, string words)
    {
        var file = ViewTable.Default.Parse(yaml, "chain.yaml");
        Assert.False(file.IsValid);
        Assert.Empty(file.Figures);
        var error = file.Errors.FirstOrDefault(e => e.Message.Contains(words, StringComparison.Ordinal));
        Assert.True(error is not null, $"no error says \"{words}\":\n{string.Join("\n", file.Errors)}");
        Assert.Equal((line, column), (error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void Later_layers_are_checked_key_by_key_when_an_earlier_one_is_wrong()
    {
        var file = ViewTable.Default.Parse(Head + "      - {kernel: 9}\n      - {kernel: 3, stride: 0}\n      - {kernel: 3, dilaton: 2}\n", "chain.yaml");
        var messages = file.Errors.Select(e => e.Message).ToList();
        Assert.Equal(3, messages.Count);
        Assert.StartsWith("layer 1 (its 6x6 input is the chain's input): kernel: the window spans", messages[0]);
        Assert.Equal("layer 2: stride: 0 is not allowed: the stride must be at least 1", messages[1]);
        Assert.StartsWith("unknown key 'dilaton' in layer 3 (did you mean 'dilation'?)", messages[2]);
    }

    [Fact]
    public void A_wrong_key_of_the_chain_does_not_hide_its_layers_errors()
    {
        var file = ViewTable.Default.Parse("figures:\n  - name: c\n    input: 3\n    theme: dusk\n    layers:\n      - {kernel: 5}\n", "chain.yaml");
        Assert.Equal(2, file.Errors.Count);
        Assert.StartsWith("theme: 'dusk' is not a theme", file.Errors[0].Message);
        Assert.StartsWith("layer 1 (its 3x3 input is the chain's input): kernel: the window spans d(k-1)+1 = 5 cells", file.Errors[1].Message);
    }

    [Fact]
    public void Each_layer_reads_what_the_one_before_produced_and_keeps_its_maps_unless_told()
    {
        var file = ViewTable.Default.Parse("""
            defaults: {kernel: 3, formats: [png]}
            figures:
              - name: c
                input: [9, 7]
                in_channels: 2
                title: A chain
                layers:
                  - {name: first, padding: same}
                  - {stride: 2, out_channels: 4, groups: 2}
                  - {kind: max_pooling, kernel: 2, stride: 2}
                  - {kind: transposed, kernel: 2, stride: 2, output_padding: 1, title: back up}
            """, "chain.yaml");
        Assert.True(file.IsValid, string.Join("\n", file.Errors));
        var chain = Assert.Single(file.Figures);
        Assert.Equal(StackView.Instance, chain.View);
        Assert.Equal([(2, 9, 7), (2, 9, 7), (4, 4, 3), (4, 2, 1)], chain.Parts.Select(l => (l.Channels.In, l.AnimatedInput.Rows, l.AnimatedInput.Cols)));
        Assert.Equal((4, 5, 3), (chain.Parts[^1].Channels.Out, chain.Parts[^1].AnimatedOutput.Rows, chain.Parts[^1].AnimatedOutput.Cols));
        Assert.Equal(["first", "layer2", "layer3", "layer4"], chain.Parts.Select(l => l.Name));
        Assert.Equal(["first", "layer 2", "layer 3", "back up"], chain.Parts.Select(l => l.Title));
        Assert.All(chain.Parts, l => Assert.Equal([OutputFormat.Png], l.Formats));
        Assert.Equal(5 * 3, chain.FrameCount);
    }

    [Fact]
    public void The_defaults_view_serves_chains_only_when_it_draws_them()
    {
        var yaml = "defaults: {view: VIEW}\nfigures:\n  - {name: c, input: 4, layers: [{kernel: 3}]}\n  - {name: f, input: 4, kernel: 3}\n";
        Assert.Equal(StackView.Instance, ViewTable.Default.Parse(yaml.Replace("VIEW", "matrix"), "c.yaml").Figures[0].View);
        var blocks = ViewTable.Default.Parse(yaml.Replace("VIEW", "blocks"), "c.yaml");
        Assert.Equal("view: blocks draws a chain of layers: give 'layers' (a list of operations such as [{kernel: 3}, {kernel: 3, stride: 2}]) instead of one operation's keys",
            Assert.Single(blocks.Errors).Message);
    }
}
