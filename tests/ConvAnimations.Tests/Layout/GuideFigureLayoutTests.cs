using ConvAnimations.Explain;
using ConvAnimations.Layout;
using ConvAnimations.Rendering;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;

namespace ConvAnimations.Tests.Layout;

/// <summary>
/// The layout of every guide figure against the table of the guide's animations (arXiv 1603.07285, its repository conv_arithmetic), with grid sizes and window positions
/// worked out by hand (not by the project's formulas).
/// </summary>
public sealed class GuideFigureLayoutTests
{
    // name, kind, i, k, s, p, d, o, frames, grid (hand-computed), last window top-left, published GIF width, height
    public static IEnumerable<object[]> Table =>
    [
        ["no_padding_no_strides", "convolution", 4, 3, 1, 0, 1, 2, 4, 4, 1, 244, 259],
        ["no_padding_no_strides_transposed", "transposed", 4, 3, 1, 0, 1, 2, 16, 6, 3, 344, 386],
        ["arbitrary_padding_no_strides", "convolution", 5, 4, 1, 2, 1, 6, 36, 9, 5, 495, 542],
        ["arbitrary_padding_no_strides_transposed", "transposed", 5, 4, 1, 2, 1, 6, 25, 8, 4, 445, 479],
        ["same_padding_no_strides", "convolution", 5, 3, 1, 1, 1, 5, 25, 7, 4, 395, 449],
        ["same_padding_no_strides_transposed", "transposed", 5, 3, 1, 1, 1, 5, 25, 7, 4, 395, 449],
        ["full_padding_no_strides", "convolution", 5, 3, 1, 2, 1, 7, 49, 9, 6, 495, 576],
        ["full_padding_no_strides_transposed", "transposed", 5, 3, 1, 2, 1, 7, 25, 7, 4, 395, 449],
        ["no_padding_strides", "convolution", 5, 3, 2, 0, 1, 2, 4, 5, 2, 294, 288],
        ["no_padding_strides_transposed", "transposed", 5, 3, 2, 0, 1, 2, 25, 7, 4, 395, 449],
        ["padding_strides", "convolution", 5, 3, 2, 1, 1, 3, 9, 7, 4, 395, 381],
        ["padding_strides_transposed", "transposed", 5, 3, 2, 1, 1, 3, 25, 7, 4, 395, 449],
        ["padding_strides_odd", "convolution", 6, 3, 2, 1, 1, 3, 9, 8, 4, 445, 411],
        ["padding_strides_odd_transposed", "transposed", 6, 3, 2, 1, 1, 3, 36, 8, 5, 445, 513],
        ["dilation", "convolution", 7, 3, 1, 0, 2, 3, 9, 7, 2, 395, 381],
    ];

    [Theory]
    [MemberData(nameof(Table))]
    public void Figure_matches_the_guide(string name, string kind, int i, int k, int s, int p, int d, int o, int frames, int grid, int last, int width, int height)
    {
        var animation = Repo.Animation(name);
        var figure = animation.Figure;

        Assert.Equal(kind, figure.Kind.Name);
        Assert.Equal((i, k, s, p, d), (figure.Geometry.Rows.Input, figure.Geometry.Rows.Kernel, figure.Geometry.Rows.Stride, figure.Geometry.Rows.Padding, figure.Geometry.Rows.Dilation));
        Assert.Equal(figure.Geometry.Rows, figure.Geometry.Cols);
        Assert.Equal(o, figure.Geometry.Output.Rows);
        Assert.Equal(frames, animation.Frames.Count);
        Assert.Equal((grid, grid), (animation.GridSize.Rows, animation.GridSize.Cols));

        // Frame order: row-major from the top-left output cell.
        var side = kind == "transposed" ? i : o;
        for (var n = 0; n < frames; n++) Assert.Equal(new Cell(n / side, n % side), animation.Frames[n].Output);

        // The first window sits at the top-left; its taps every d cells, row-major within the kernel.
        var expectedFirst = from u in Enumerable.Range(0, k) from v in Enumerable.Range(0, k) select new Cell(u * d, v * d);
        Assert.Equal(expectedFirst, animation.Frames[0].Taps);
        var expectedLast = from u in Enumerable.Range(0, k) from v in Enumerable.Range(0, k) select new Cell(last + u * d, last + v * d);
        Assert.Equal(expectedLast, animation.Frames[^1].Taps);

        // Every tap lies in the grid.
        Assert.All(animation.Frames.SelectMany(f => f.Taps), t => Assert.True(t.Row < grid && t.Col < grid));

        // The frame has the published figure's size, within the rounding to even sizes.
        var size = SceneRenderer.SizeOf(View.Of(animation.Figure).Build(animation));
        Assert.InRange(size.Width, width - 2, width + 2);
        Assert.InRange(size.Height, height - 2, height + 2);
    }

    [Fact]
    public void Odd_transposed_grid_has_zeros_between_inputs_and_the_extra_padding_bottom_right()
    {
        string[] expected =
        [
            "pppppppp",
            "pxzxzxpp",
            "pzzzzzpp",
            "pxzxzxpp",
            "pzzzzzpp",
            "pxzxzxpp",
            "pppppppp",
            "pppppppp",
        ];
        Assert.Equal(expected, ArithmeticText.GridRows(Repo.Animation("padding_strides_odd_transposed").Grid));
    }

    [Fact]
    public void Strided_transposed_grid_without_padding_pads_by_k_minus_1()
    {
        string[] expected = ["ppppppp", "ppppppp", "ppxzxpp", "ppzzzpp", "ppxzxpp", "ppppppp", "ppppppp"];
        Assert.Equal(expected, ArithmeticText.GridRows(Repo.Animation("no_padding_strides_transposed").Grid));
    }

    [Fact]
    public void Padded_convolution_grid_surrounds_the_input()
    {
        string[] expected = ["ppppppp", "pxxxxxp", "pxxxxxp", "pxxxxxp", "pxxxxxp", "pxxxxxp", "ppppppp"];
        Assert.Equal(expected, ArithmeticText.GridRows(Repo.Animation("padding_strides").Grid));
    }

    [Fact]
    public void Full_padding_transpose_has_no_padding()
    {
        Assert.All(ArithmeticText.GridRows(Repo.Animation("full_padding_no_strides_transposed").Grid), row => Assert.Equal("xxxxxxx", row));
    }
}
