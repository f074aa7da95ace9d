using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ConvAnimations.Tests.Support;

/// <summary>
/// PyTorch's operators as its documentation defines them, written here by direct loops over CHW tensors (batch 1 left
/// out), sharing nothing with the production code: each layer's output size and the arguments PyTorch refuses;
/// conv2d and conv_transpose2d with groups, max_pool2d (padding is minus infinity), avg_pool2d with
/// count_include_pad=True, F.pad and padding="same". Sizes, strides, paddings and dilations are (rows, cols) pairs.
/// </summary>
public static partial class PyTorchReference
{
    /// <summary>
    /// The output size along one axis, by the layer's documented formula, where PyTorch accepts the arguments (asserted:
    /// ConvTranspose2d's output_padding below its stride or dilation, pooling padded at most half its window).
    /// </summary>
    public static int OutputSize(string layer, int i, int k, int s, int p, int d, int outputPadding = 0)
    {
        switch (layer)
        {
            case "ConvTranspose2d":
                Assert.True(outputPadding < Math.Max(s, d), $"ConvTranspose2d: output_padding {outputPadding} must be below the stride {s} or the dilation {d}");
                return (i - 1) * s - 2 * p + d * (k - 1) + outputPadding + 1;
            case "AvgPool2d":
                Assert.True(d == 1, "AvgPool2d has no dilation");
                Assert.True(2 * p <= k, $"AvgPool2d pads at most half its window: padding {p}, kernel {k}");
                return (i + 2 * p - k) / s + 1;
            case "MaxPool2d":
                Assert.True(2 * p <= d * (k - 1) + 1, $"MaxPool2d pads at most half its window: padding {p}, kernel {k}, dilation {d}");
                return (i + 2 * p - d * (k - 1) - 1) / s + 1;
            case "Conv2d":
                return (i + 2 * p - d * (k - 1) - 1) / s + 1;
            default:
                throw new ArgumentException($"not a layer of this model: {layer}", nameof(layer));
        }
    }

    /// <summary>padding="same" (stride 1 only): d(k-1) in all, half of it rounded down before.</summary>
    public static (int Before, int After) Same(int k, int s, int d)
    {
        Assert.True(s == 1, "PyTorch refuses padding=\"same\" with a stride");
        var total = d * (k - 1);
        return (total / 2, total - total / 2);
    }

    /// <summary>F.pad(x, (left, right, top, bottom), value=value) of each map.</summary>
    public static double[][,] Pad(double[][,] x, int left, int right, int top, int bottom, double value = 0) =>
        x.Select(map =>
        {
            var padded = new double[map.GetLength(0) + top + bottom, map.GetLength(1) + left + right];
            for (var r = 0; r < padded.GetLength(0); r++)
                for (var c = 0; c < padded.GetLength(1); c++)
                {
                    var (xr, xc) = (r - top, c - left);
                    padded[r, c] = xr >= 0 && xc >= 0 && xr < map.GetLength(0) && xc < map.GetLength(1) ? map[xr, xc] : value;
                }
            return padded;
        }).ToArray();

    /// <summary>y[m][r][c] = sum over n of its group, u, v of x[n][r s - p + u d][c s - p + v d] w[m][n - n0][u][v].</summary>
    public static double[][,] Conv2d(double[][,] x, double[][][,] w, (int Rows, int Cols) s, (int Rows, int Cols) p, (int Rows, int Cols) d, int groups)
    {
        var (cIn, h, wd) = (x.Length, x[0].GetLength(0), x[0].GetLength(1));
        var (cOut, kh, kw) = (w.Length, w[0][0].GetLength(0), w[0][0].GetLength(1));
        var (oh, ow) = (OutputSize("Conv2d", h, kh, s.Rows, p.Rows, d.Rows), OutputSize("Conv2d", wd, kw, s.Cols, p.Cols, d.Cols));
        var (inPer, outPer) = (cIn / groups, cOut / groups);
        var y = new double[cOut][,];
        for (var m = 0; m < cOut; m++)
        {
            y[m] = new double[oh, ow];
            var first = m / outPer * inPer;
            for (var j = 0; j < inPer; j++)
                for (var r = 0; r < oh; r++)
                    for (var c = 0; c < ow; c++)
                        for (var u = 0; u < kh; u++)
                            for (var v = 0; v < kw; v++)
                            {
                                var (yy, xx) = (r * s.Rows - p.Rows + u * d.Rows, c * s.Cols - p.Cols + v * d.Cols);
                                if (yy >= 0 && yy < h && xx >= 0 && xx < wd) y[m][r, c] += x[first + j][yy, xx] * w[m][j][u, v];
                            }
        }
        return y;
    }

    /// <summary>
    /// The gradient of conv2d: every input value scattered through its kernel, y[m][i s - p + u d][j s - p + v d] +=
    /// x[n][i][j] w[n][m - m0][u][v], the weight laid out [in_channels][out_channels/groups][kh][kw].
    /// </summary>
    public static double[][,] ConvTranspose2d(double[][,] x, double[][][,] w, (int Rows, int Cols) s, (int Rows, int Cols) p, (int Rows, int Cols) d, (int Rows, int Cols) outputPadding, int groups)
    {
        var (cIn, h, wd) = (x.Length, x[0].GetLength(0), x[0].GetLength(1));
        var (outPer, kh, kw) = (w[0].Length, w[0][0].GetLength(0), w[0][0].GetLength(1));
        var inPer = cIn / groups;
        var (oh, ow) = (OutputSize("ConvTranspose2d", h, kh, s.Rows, p.Rows, d.Rows, outputPadding.Rows), OutputSize("ConvTranspose2d", wd, kw, s.Cols, p.Cols, d.Cols, outputPadding.Cols));
        var y = Enumerable.Range(0, outPer * groups).Select(_ => new double[oh, ow]).ToArray();
        for (var n = 0; n < cIn; n++)
            for (var q = 0; q < outPer; q++)
                for (var i = 0; i < h; i++)
                    for (var j = 0; j < wd; j++)
                        for (var u = 0; u < kh; u++)
                            for (var v = 0; v < kw; v++)
                            {
                                var (yy, xx) = (i * s.Rows - p.Rows + u * d.Rows, j * s.Cols - p.Cols + v * d.Cols);
                                if (yy >= 0 && yy < oh && xx >= 0 && xx < ow) y[n / inPer * outPer + q][yy, xx] += x[n][i, j] * w[n][q][u, v];
                            }
        return y;
    }

    /// <summary>max_pool2d: the largest value of each window, its padding minus infinity.</summary>
    public static double[][,] MaxPool2d(double[][,] x, (int Rows, int Cols) k, (int Rows, int Cols) s, (int Rows, int Cols) p, (int Rows, int Cols) d) =>
        Pool("MaxPool2d", x, k, s, p, d, double.NegativeInfinity, taps => taps.Max());

    /// <summary>
    /// avg_pool2d with count_include_pad=True: each window's sum (its padding zeros) over its size. PyTorch's has no
    /// dilation: a dilated average is conv2d of each map alone (groups = maps) with weights 1/(kh kw).
    /// </summary>
    public static double[][,] AvgPool2d(double[][,] x, (int Rows, int Cols) k, (int Rows, int Cols) s, (int Rows, int Cols) p, (int Rows, int Cols) d)
    {
        if (d == (1, 1)) return Pool("AvgPool2d", x, k, s, p, d, 0, taps => taps.Sum() / (k.Rows * k.Cols));
        var uniform = new double[k.Rows, k.Cols];
        for (var u = 0; u < k.Rows; u++)
            for (var v = 0; v < k.Cols; v++) uniform[u, v] = 1.0 / (k.Rows * k.Cols);
        return Conv2d(x, [.. x.Select(_ => new[] { uniform })], s, p, d, x.Length);
    }

    private static double[][,] Pool(string layer, double[][,] x, (int Rows, int Cols) k, (int Rows, int Cols) s, (int Rows, int Cols) p, (int Rows, int Cols) d, double padding, Func<List<double>, double> reduce) =>
        x.Select(map =>
        {
            var (h, wd) = (map.GetLength(0), map.GetLength(1));
            var y = new double[OutputSize(layer, h, k.Rows, s.Rows, p.Rows, d.Rows), OutputSize(layer, wd, k.Cols, s.Cols, p.Cols, d.Cols)];
            for (var r = 0; r < y.GetLength(0); r++)
                for (var c = 0; c < y.GetLength(1); c++)
                {
                    var taps = new List<double>();
                    for (var u = 0; u < k.Rows; u++)
                        for (var v = 0; v < k.Cols; v++)
                        {
                            var (yy, xx) = (r * s.Rows - p.Rows + u * d.Rows, c * s.Cols - p.Cols + v * d.Cols);
                            taps.Add(yy >= 0 && yy < h && xx >= 0 && xx < wd ? map[yy, xx] : padding);
                        }
                    y[r, c] = reduce(taps);
                }
            return y;
        }).ToArray();

    [GeneratedRegex(@"(\w+)=\((\d+), (\d+)\)")]
    private static partial Regex PairArgument();

    /// <summary>A layer's arguments written as pairs, <c>name=(rows, cols)</c>.</summary>
    public static Dictionary<string, (int Rows, int Cols)> PairArguments(string args) =>
        PairArgument().Matches(args).ToDictionary(m => m.Groups[1].Value, m => (int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture)));

    /// <summary>A torch.tensor literal of one map, [[...], ...].</summary>
    public static double[,] Matrix(string json) => Matrix(JsonNode.Parse(json)!);

    /// <summary>A torch.tensor literal of maps, [[[...], ...], ...].</summary>
    public static double[][,] Maps(string json) => [.. JsonNode.Parse(json)!.AsArray().Select(map => Matrix(map!))];

    private static double[,] Matrix(JsonNode node)
    {
        var rows = node.AsArray();
        var m = new double[rows.Count, rows[0]!.AsArray().Count];
        for (var r = 0; r < m.GetLength(0); r++)
            for (var c = 0; c < m.GetLength(1); c++) m[r, c] = rows[r]![c]!.GetValue<double>();
        return m;
    }
}
