using System.Text.Json;
using ConvAnimations.Layout;
using ConvAnimations.Pipeline;
using ConvAnimations.Preparation;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;

namespace ConvAnimations.Tests.Matrix;

/// <summary>Composed figures (sequence, beside) and the views as the reader takes them: parts by name, errors located.</summary>
public sealed class ComposedFigureTests
{
    private const string Parts = """
        figures:
          - {name: both, beside: [conv, conv_t]}
          - {name: conv, input: 4, kernel: 3}
          - {name: conv_t, kind: transposed, input: 4, kernel: 3}
          - {name: round_trip, sequence: [conv, conv_t], formats: [png], panels: {frames: [0, 19]}}
          - {name: nested, sequence: [round_trip, both]}
        """;

    [Fact]
    public void Parts_are_resolved_by_name_from_anywhere_in_the_file_in_file_order()
    {
        var file = ViewTable.Default.Parse(Parts, "c.yaml");
        Assert.True(file.IsValid, string.Join("\n", file.Errors));
        Assert.Equal(["both", "conv", "conv_t", "round_trip", "nested"], file.Figures.Select(f => f.Name));
        var figures = file.Figures.ToDictionary(f => f.Name);
        Assert.Equal(16, figures["both"].FrameCount);
        Assert.Equal(4 + 16, figures["round_trip"].FrameCount);
        Assert.Equal(20 + 16, figures["nested"].FrameCount);
        Assert.Same(figures["conv"], figures["round_trip"].Parts[0]);
        Assert.Equal([0, 19], figures["round_trip"].Panels!.Frames);
        Assert.Same(ComposedView.Beside, figures["both"].View);
    }

    [Theory]
    [InlineData("  - {name: a, sequence: [conv, conf]}", "2:32", "no figure named 'conf' in this file (did you mean 'conv'?)")]
    [InlineData("  - {name: a, sequence: [conv, a]}", "2:32", "'a' is this figure itself")]
    [InlineData("  - {name: a, sequence: [b]}\n  - {name: b, beside: [conv, a]}", "3:30", "'a' contains this figure again (a -> b -> a)")]
    [InlineData("  - {name: a, sequence: [conv], beside: [conv]}", "2:41", "give either 'sequence'")]
    [InlineData("  - {name: a, sequence: [conv], input: 4}", "2:33", "'input' does not go with a composed figure")]
    [InlineData("  - {name: a, sequence: conv}", "2:25", "sequence: expected a list of figure names")]
    [InlineData("  - {name: a, sequence: []}", "2:25", "sequence: expected a list of figure names")]
    [InlineData("  - {name: a, sequence: [conv], panels: {frames: [4]}}", "2:51", "panels.frames: 4 is not a frame")]
    [InlineData("  - {name: a, input: 4, kernel: 2, kind: max_pooling, view: matrix}", "2:61", "view: matrix is for kind convolution or transposed")]
    [InlineData("  - {name: a, input: 5, kernel: 3, view: subsampling}", "2:42", "give a stride above 1")]
    [InlineData("  - {name: a, input: 5, kernel: 3, kind: transposed, view: hops}", "2:60", "view: hops is a diagram of a convolution")]
    [InlineData("  - {name: a, input: 5, kernel: 3, view: hops, values: {seed: 1}}", "2:42", "view: hops is a diagram without numbers")]
    [InlineData("  - {name: a, input: 5, kernel: 3, view: matrx}", "2:42", "did you mean 'matrix'?")]
    [InlineData("  - {name: a, input: 256, kernel: 157, view: matrix}", "2:46", "C would have up to 246490000 non-zero entries")]
    public void Every_wrong_composition_or_view_is_reported_where_it_is(string figure, string at, string message)
    {
        var file = ViewTable.Default.Parse($"figures:\n{figure}\n  - {{name: conv, input: 4, kernel: 3}}\n", "c.yaml");
        Assert.False(file.IsValid);
        var error = Assert.Single(file.Errors);
        Assert.StartsWith($"c.yaml:{at}: error: figure '", error.ToString());
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Composed_figures_nest_at_most_four_deep_and_defaults_do_not_compose()
    {
        var deep = "figures:\n  - {name: f0, input: 4, kernel: 3}\n" + string.Concat(Enumerable.Range(1, 5).Select(i => $"  - {{name: f{i}, sequence: [f{i - 1}]}}\n"));
        var error = Assert.Single(ViewTable.Default.Parse(deep, "d.yaml").Errors);
        Assert.Contains("figure 'f5': sequence: composed figures nest 5 deep here, over the limit of 4", error.ToString());
        var defaults = ViewTable.Default.Parse("defaults: {sequence: [a]}\nfigures:\n  - {name: a, input: 4, kernel: 3}\n", "d.yaml");
        Assert.Equal("d.yaml:1:22: error: 'defaults' cannot set 'sequence': a composed figure names its parts itself", Assert.Single(defaults.Errors).ToString());
    }

    [Fact]
    public void A_composed_figure_renders_again_when_a_part_changes()
    {
        var before = ViewTable.Default.Parse(Parts, "c.yaml").Figures.Single(f => f.Name == "nested");
        var after = ViewTable.Default.Parse(Parts.Replace("kind: transposed, input: 4", "kind: transposed, input: 5"), "c.yaml").Figures.Single(f => f.Name == "nested");
        Assert.NotEqual(RenderCache.KeyOf(before, "tool"), RenderCache.KeyOf(after, "tool"));
        Assert.Equal(RenderCache.KeyOf(before, "tool"), RenderCache.KeyOf(ViewTable.Default.Parse(Parts, "c.yaml").Figures.Single(f => f.Name == "nested"), "tool"));
    }

    [Fact]
    public void Explain_json_of_a_composed_figure_lists_its_parts_layouts()
    {
        var figure = ViewTable.Default.Parse(Parts, "c.yaml").Figures.Single(f => f.Name == "round_trip");
        using var json = JsonDocument.Parse(new PreparedFigure(figure).Json());
        Assert.Equal(["conv", "conv_t"], json.RootElement.GetProperty("sequence").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(20, json.RootElement.GetProperty("frame_count").GetInt32());
        Assert.Equal([4, 16], json.RootElement.GetProperty("parts").EnumerateArray().Select(p => p.GetProperty("frames").GetArrayLength()));
        Assert.Contains("sequence of 2 figures, 20 frames", new PreparedFigure(figure).Describe());
    }
}
