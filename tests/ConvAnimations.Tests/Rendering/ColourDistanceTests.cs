using ConvAnimations.Rendering;
using ConvAnimations.Spec;
using SkiaSharp;

namespace ConvAnimations.Tests.Rendering;

/// <summary>
/// Every pair of fills a reader must tell apart differs by at least Theme.MinimumDistance in CIEDE2000, measured here
/// with an implementation of Sharma, Wu and Dalal (2005) checked against their published test data: in every theme,
/// also as deuteranopes and protanopes see the colorblind theme (Machado, Oliveira and Fernandes 2009, severity 1),
/// and in luminance alone for print.
/// </summary>
public sealed class ColourDistanceTests
{
    public static TheoryData<ThemeName> Themes => new(Enum.GetValues<ThemeName>());

    [Fact]
    public void The_distance_is_sharmas_ciede2000()
    {
        // Pairs 1, 7, 13, 19, 25 and 34 of Sharma, Wu and Dalal's table 1, with their distances.
        (double[] A, double[] B, double E)[] pairs =
        [
            ([50, 2.6772, -79.7751], [50, 0, -82.7485], 2.0425),
            ([50, 0, 0], [50, -1, 2], 2.3669),
            ([50, 2.49, -0.001], [50, -2.49, 0.0011], 7.2195),
            ([50, 2.5, 0], [56, -27, -3], 31.9030),
            ([60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387], 1.2644),
            ([2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514], 0.9082),
        ];
        foreach (var (a, b, expected) in pairs) Assert.Equal(expected, Ciede2000(a, b), 4);
    }

    [Theory]
    [MemberData(nameof(Themes))]
    public void Every_pair_of_fills_a_reader_tells_apart_differs_by_at_least_the_stated_distance(ThemeName name)
    {
        var theme = new Theme(1, ThemeSpec.Guide with { Base = name });
        Assert.True(Theme.MinimumDistance >= 10);
        var views = name switch
        {
            ThemeName.Colorblind => new (string, Func<SKColor, double[]>)[] { ("", Lab), (" (deuteranopia)", c => Lab(Seen(Deuteranopia, c))), (" (protanopia)", c => Lab(Seen(Protanopia, c))) },
            ThemeName.Print => [(" (luminance)", c => [Lab(c)[0], 0, 0])],
            _ => [("", Lab)],
        };
        foreach (var (a, b, what) in Pairs(theme, name == ThemeName.Print))
        {
            foreach (var (how, seen) in views)
            {
                var distance = Ciede2000(seen(a), seen(b));
                Assert.True(distance >= Theme.MinimumDistance, $"{name}: {what} are {distance:0.0} apart{how}");
            }
        }
    }

    [Fact]
    public void Padding_and_inserted_zeros_differ_in_the_grid_and_in_the_legend()
    {
        var figure = Support.Figures.Parse("figures:\n  - {name: t, kind: transposed, input: 6, kernel: 3, stride: 2, padding: 1, legend: true}\n");
        var scene = new Preparation.PreparedFigure(figure).Scene;
        var zeros = Assert.Single(scene.Annotations.Legend, e => e.Text == "inserted zeros");
        var padding = Assert.Single(scene.Annotations.Legend, e => e.Text == "padding");
        Assert.NotEqual(padding.Fill, zeros.Fill);
        using var renderer = new SceneRenderer(scene);
        var pixels = new byte[renderer.Info.BytesSize];
        renderer.Render(pixels, 0);
        var colours = Enumerable.Range(0, pixels.Length / 4).Select(i => new SKColor(pixels[4 * i + 2], pixels[4 * i + 1], pixels[4 * i])).ToHashSet();
        Assert.Contains(new Theme(1, scene.Theme).InsertedZeros, colours);
    }

    /// <summary>
    /// The fills a reader tells apart: the legend's (padding, inserted zeros, input, output, the kernel, the current
    /// output cell) and the grid's under the kernel, and the maps of a stack (each against the others, the output,
    /// the background, the zeros and itself under the kernel). Print has room for fewer greys: under the kernel,
    /// input and zeros from each other and from themselves; its stack's maps from their neighbours.
    /// </summary>
    private static IEnumerable<(SKColor A, SKColor B, string What)> Pairs(Theme theme, bool print)
    {
        SKColor Under(SKColor c) => Theme.Over(c, theme.Highlight);
        var maps = theme.InputMaps;
        (string, SKColor)[] legend =
        [
            ("padding", theme.Background), ("inserted zeros", theme.InsertedZeros), ("input", theme.Input), ("output", theme.Output),
            ("the kernel", Under(theme.Background)), ("the current output cell", Under(theme.Output)),
        ];
        (string, SKColor)[] grid = print
            ? [("input", theme.Input), ("input under the kernel", Under(theme.Input)), ("inserted zeros", theme.InsertedZeros), ("zeros under the kernel", Under(theme.InsertedZeros))]
            : [.. legend.Take(3), ("padding under the kernel", Under(theme.Background)), ("zeros under the kernel", Under(theme.InsertedZeros)), ("input under the kernel", Under(theme.Input))];
        foreach (var set in new[] { legend, grid })
        {
            for (var i = 0; i < set.Length; i++)
                for (var j = i + 1; j < set.Length; j++)
                    if (set[i].Item2 != set[j].Item2 || set[i].Item1 != set[j].Item1) yield return (set[i].Item2, set[j].Item2, $"{set[i].Item1} and {set[j].Item1}");
        }
        Assert.Equal(8, maps.Count);
        for (var i = 0; i < maps.Count; i++)
        {
            yield return (maps[i], theme.Output, $"input map {i + 1} and output");
            yield return (maps[i], theme.Background, $"input map {i + 1} and background");
            yield return (maps[i], theme.InsertedZeros, $"input map {i + 1} and inserted zeros");
            yield return (maps[i], Under(maps[i]), $"input map {i + 1} and its taps");
            for (var j = i + 1; j < maps.Count; j++)
            {
                if (!print || j == i + 1) yield return (maps[i], maps[j], $"input maps {i + 1} and {j + 1}");
            }
        }
    }

    // Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB.
    private static readonly double[,] Deuteranopia = { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 }, { -0.011820, 0.042940, 0.968881 } };
    private static readonly double[,] Protanopia = { { 0.152286, 1.052583, -0.204868 }, { 0.114503, 0.786281, 0.099216 }, { -0.003882, -0.048116, 1.051998 } };

    private static double Linear(double v) => v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);

    private static double Encoded(double v) => v <= 0.0031308 ? 12.92 * v : 1.055 * Math.Pow(v, 1 / 2.4) - 0.055;

    private static SKColor Seen(double[,] m, SKColor c)
    {
        double[] rgb = [Linear(c.Red / 255.0), Linear(c.Green / 255.0), Linear(c.Blue / 255.0)];
        byte Channel(int i) => (byte)Math.Round(255 * Encoded(Math.Clamp(m[i, 0] * rgb[0] + m[i, 1] * rgb[1] + m[i, 2] * rgb[2], 0, 1)));
        return new SKColor(Channel(0), Channel(1), Channel(2));
    }

    /// <summary>sRGB to CIELAB, D65 white.</summary>
    private static double[] Lab(SKColor c)
    {
        var (r, g, b) = (Linear(c.Red / 255.0), Linear(c.Green / 255.0), Linear(c.Blue / 255.0));
        var x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
        var y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        var z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
        static double F(double t) => t > 216.0 / 24389 ? Math.Cbrt(t) : (24389.0 / 27 * t + 16) / 116;
        return [116 * F(y) - 16, 500 * (F(x) - F(y)), 200 * (F(y) - F(z))];
    }

    private static double Ciede2000(double[] lab1, double[] lab2)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180;
        static double Deg(double radians) => radians * 180 / Math.PI;
        var (l1, a1, b1, l2, a2, b2) = (lab1[0], lab1[1], lab1[2], lab2[0], lab2[1], lab2[2]);
        var cBar = (Math.Sqrt(a1 * a1 + b1 * b1) + Math.Sqrt(a2 * a2 + b2 * b2)) / 2;
        var g = 0.5 * (1 - Math.Sqrt(Math.Pow(cBar, 7) / (Math.Pow(cBar, 7) + Math.Pow(25, 7))));
        var (a1p, a2p) = ((1 + g) * a1, (1 + g) * a2);
        var (c1p, c2p) = (Math.Sqrt(a1p * a1p + b1 * b1), Math.Sqrt(a2p * a2p + b2 * b2));
        double Hue(double b, double a) => a == 0 && b == 0 ? 0 : (Deg(Math.Atan2(b, a)) + 360) % 360;
        var (h1p, h2p) = (Hue(b1, a1p), Hue(b2, a2p));
        var dLp = l2 - l1;
        var dCp = c2p - c1p;
        var dhp = c1p * c2p == 0 ? 0 : Math.Abs(h2p - h1p) <= 180 ? h2p - h1p : h2p - h1p > 180 ? h2p - h1p - 360 : h2p - h1p + 360;
        var dHp = 2 * Math.Sqrt(c1p * c2p) * Math.Sin(Rad(dhp / 2));
        var lBarP = (l1 + l2) / 2;
        var cBarP = (c1p + c2p) / 2;
        var hBarP = c1p * c2p == 0 ? h1p + h2p : Math.Abs(h1p - h2p) <= 180 ? (h1p + h2p) / 2 : h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
        var t = 1 - 0.17 * Math.Cos(Rad(hBarP - 30)) + 0.24 * Math.Cos(Rad(2 * hBarP)) + 0.32 * Math.Cos(Rad(3 * hBarP + 6)) - 0.20 * Math.Cos(Rad(4 * hBarP - 63));
        var dTheta = 30 * Math.Exp(-Math.Pow((hBarP - 275) / 25, 2));
        var rc = 2 * Math.Sqrt(Math.Pow(cBarP, 7) / (Math.Pow(cBarP, 7) + Math.Pow(25, 7)));
        var sl = 1 + 0.015 * Math.Pow(lBarP - 50, 2) / Math.Sqrt(20 + Math.Pow(lBarP - 50, 2));
        var sc = 1 + 0.045 * cBarP;
        var sh = 1 + 0.015 * cBarP * t;
        var rt = -Math.Sin(Rad(2 * dTheta)) * rc;
        return Math.Sqrt(Math.Pow(dLp / sl, 2) + Math.Pow(dCp / sc, 2) + Math.Pow(dHp / sh, 2) + rt * (dCp / sc) * (dHp / sh));
    }
}
