using ConvAnimations.Arithmetic;
using ConvAnimations.Layout;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;

namespace ConvAnimations.Tests.Layout;

/// <summary>The numbers of numerical figures against the guide's (corrected) values and independent reference computations.</summary>
public sealed class NumericalTests
{
    [Theory]
    [InlineData("numerical_no_padding_no_strides", new double[] { 12, 12, 17, 10, 17, 19, 9, 6, 14 })]
    [InlineData("numerical_padding_strides", new double[] { 6, 17, 3, 8, 17, 13, 6, 4, 4 })]
    [InlineData("numerical_max_pooling", new double[] { 3, 3, 3, 3, 3, 3, 3, 2, 3 })]
    [InlineData("numerical_average_pooling", new double[] { 1.7, 1.7, 1.7, 1.0, 1.2, 1.8, 1.1, 0.8, 1.3 })]
    public void Guide_figures_have_the_correct_outputs(string name, double[] expected)
    {
        var output = Repo.Animation(name).Values!.Output;
        var shown = output.Cast<double>().Select(v => Math.Round(v, 1, MidpointRounding.AwayFromZero));
        Assert.Equal(expected, shown);
    }

    /// <summary>C: the matrix of the direct cross-correlation, one row per output cell, one column per input cell.</summary>
    private static double[,] ConvolutionMatrix(Geometry g, double[,] kernel)
    {
        var (inputs, outputs) = (g.Input.Area, g.Output.Area);
        var matrix = new double[outputs, inputs];
        for (var r = 0; r < g.Output.Rows; r++)
            for (var c = 0; c < g.Output.Cols; c++)
                for (var u = 0; u < g.Kernel.Rows; u++)
                    for (var v = 0; v < g.Kernel.Cols; v++)
                    {
                        var (y, x) = (r * g.Stride.Rows - g.Padding.Rows + u * g.Dilation.Rows, c * g.Stride.Cols - g.Padding.Cols + v * g.Dilation.Cols);
                        if (y >= 0 && y < g.Input.Rows && x >= 0 && x < g.Input.Cols) matrix[r * g.Output.Cols + c, y * g.Input.Cols + x] += kernel[u, v];
                    }
        return matrix;
    }

    private static double[] Flatten(double[,] m) => m.Cast<double>().ToArray();

    private static double[,] RandomMatrix(Random random, Size2 shape, int low, int high)
    {
        var m = new double[shape.Rows, shape.Cols];
        for (var r = 0; r < shape.Rows; r++)
            for (var c = 0; c < shape.Cols; c++)
                m[r, c] = random.Next(low, high) + (random.Next(2) == 0 ? 0 : 0.5);
        return m;
    }

    private static Geometry RandomGeometry(Random random, bool transposed)
    {
        while (true)
        {
            Axis Next() => new(random.Next(1, 9), random.Next(1, 4), random.Next(1, 4), random.Next(0, 3), random.Next(1, 3));
            var g = new Geometry(Next(), Next());
            if (g.Rows.KernelFits && g.Cols.KernelFits && (!transposed || (g.Rows.TransposedPadding >= 0 && g.Cols.TransposedPadding >= 0))) return g;
        }
    }

    /// <summary>
    /// A convolution computes C x; its transpose, drawn as the rotated kernel sliding over the stretched grid, must
    /// compute C^T x, with C the matrix of the direct cross-correlation.
    /// </summary>
    [Theory]
    [InlineData("convolution", 8)]
    [InlineData("transposed", 7)]
    public void Numbers_are_the_convolution_matrix_or_its_transpose_applied_to_the_input(string kindName, int seed)
    {
        var kind = Kind.Parse(kindName)!;
        var transposed = kind == Kind.Transposed;
        var random = new Random(seed);
        for (var n = 0; n < 500; n++)
        {
            var g = RandomGeometry(random, transposed);
            var kernel = RandomMatrix(random, g.Kernel, -2, 3);
            var x = RandomMatrix(random, transposed ? g.Output : g.Input, -3, 4);
            var animation = Layouter.Layout(TestFigures.Of(kind, g, new FigureValues(x, kernel)));

            var c = ConvolutionMatrix(g, kernel);
            var flatX = Flatten(x);
            var expected = transposed
                ? Enumerable.Range(0, g.Input.Area).Select(j => Enumerable.Range(0, g.Output.Area).Sum(i => c[i, j] * flatX[i]))
                : Enumerable.Range(0, g.Output.Area).Select(i => Enumerable.Range(0, g.Input.Area).Sum(j => c[i, j] * flatX[j]));
            Assert.Equal(expected, Flatten(animation.Values!.Output), (a, b) => Math.Abs(a - b) < 1e-9);
            if (!transposed) Assert.Equal(Flatten(kernel), Flatten(animation.Values.Kernel!));
        }
    }

    [Theory]
    [InlineData("max_pooling")]
    [InlineData("average_pooling")]
    public void Pooling_numbers_follow_the_frameworks(string kindName)
    {
        var kind = Kind.Parse(kindName)!;
        var random = new Random(9);
        for (var n = 0; n < 500; n++)
        {
            var g = RandomGeometry(random, transposed: false);
            if (g.Rows.Padding * 2 > g.Rows.EffectiveKernel || g.Cols.Padding * 2 > g.Cols.EffectiveKernel) continue;
            var x = RandomMatrix(random, g.Input, -3, 4);
            var animation = Layouter.Layout(TestFigures.Of(kind, g, new FigureValues(x, null)));
            for (var r = 0; r < g.Output.Rows; r++)
            {
                for (var c = 0; c < g.Output.Cols; c++)
                {
                    var window = new List<double>();
                    var inside = new List<double>();
                    for (var u = 0; u < g.Kernel.Rows; u++)
                        for (var v = 0; v < g.Kernel.Cols; v++)
                        {
                            var (y, xx) = (r * g.Stride.Rows - g.Padding.Rows + u * g.Dilation.Rows, c * g.Stride.Cols - g.Padding.Cols + v * g.Dilation.Cols);
                            var isInside = y >= 0 && y < g.Input.Rows && xx >= 0 && xx < g.Input.Cols;
                            window.Add(isInside ? x[y, xx] : 0);
                            if (isInside) inside.Add(x[y, xx]);
                        }
                    // max_pool2d pads with -inf (padding never wins); avg_pool2d counts padding zeros (count_include_pad=True).
                    var expected = kind == Kind.MaxPooling ? (inside.Count > 0 ? inside.Max() : 0) : window.Average();
                    Assert.Equal(expected, animation.Values!.Output[r, c], 9);
                }
            }
        }
    }

    [Fact]
    public void Transposed_values_spread_over_the_grid_with_zeros_and_the_kernel_is_rotated()
    {
        var figure = Figures.Parse("""
            figures:
              - name: t
                kind: transposed
                input: 5
                kernel: 3
                stride: 2
                values:
                  input: [[1, 2], [3, 4]]
                  kernel: [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
            """);
        var values = Layouter.Layout(figure).Values!;
        Assert.Equal(new double[] { 9, 8, 7, 6, 5, 4, 3, 2, 1 }, Flatten(values.Kernel!));
        // o = 2, p' = 2: the inputs at rows/cols 2 and 4 of a 7x7 grid, zeros elsewhere.
        Assert.Equal(1, values.Grid[2, 2]);
        Assert.Equal(2, values.Grid[2, 4]);
        Assert.Equal(3, values.Grid[4, 2]);
        Assert.Equal(4, values.Grid[4, 4]);
        Assert.Equal(10, Flatten(values.Grid).Sum());
    }

    [Fact]
    public void Seeded_values_are_small_integers_and_reproducible()
    {
        const string yaml = "figures:\n  - {name: s, input: 6, kernel: 3, values: {seed: 1234}}";
        var a = Figures.Parse(yaml).Values!;
        var b = Figures.Parse(yaml).Values!;
        Assert.Equal(Flatten(a.Input), Flatten(b.Input));
        Assert.All(Flatten(a.Input), v => Assert.InRange(v, 0, 3));
        Assert.All(Flatten(a.Kernel!), v => Assert.InRange(v, 0, 2));
        Assert.True(Flatten(a.Input).Distinct().Count() > 1);
    }
}
