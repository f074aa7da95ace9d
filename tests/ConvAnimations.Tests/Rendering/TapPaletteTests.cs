using ConvAnimations.Rendering;
using ConvAnimations.Spec;
using SkiaSharp;

namespace ConvAnimations.Tests.Rendering;

/// <summary>
/// The tap colours of <c>view: connectivity</c> (the same tap, the same colour): legible as lines on each theme's
/// background (WCAG's 3:1) and told apart, measured here with CIEDE2000 in normal vision and in Machado, Oliveira and
/// Fernandes' (2009) simulations of deuteranopia and protanopia, both written from their papers.
/// </summary>
public sealed class TapPaletteTests
{
    public static IEnumerable<object[]> Themes() => Enum.GetValues<ThemeName>().Select(t => new object[] { t });

    [Theory]
    [MemberData(nameof(Themes))]
    public void Tap_colours_read_as_lines_on_the_background_and_nine_taps_all_differ(ThemeName name)
    {
        var theme = new Theme(1, new ThemeSpec(name, new Dictionary<ThemeColour, int>()));
        foreach (var colour in TapPalette.Colours(name))
        {
            Assert.True(Contrast(colour, theme.Background) >= 3, $"{name}: tap colour {colour} has a contrast of {Contrast(colour, theme.Background):0.00} with the background, below 3:1");
        }
        // The nine taps of a 3x3 kernel: nine different styles (colour or dash).
        var styles = Enumerable.Range(0, 9).Select(t => theme.Tap(t)).Select(s => (s.Colour, Dash: s.Dash is null ? "" : string.Join(",", s.Dash))).ToList();
        Assert.Equal(9, styles.Distinct().Count());
    }

    [Theory]
    [InlineData(ThemeName.SolarizedLight)]
    [InlineData(ThemeName.SolarizedDark)]
    [InlineData(ThemeName.Colorblind)]
    public void Tap_colours_are_apart_in_normal_vision_and_for_deuteranopes_and_protanopes_and_away_from_the_maps(ThemeName name)
    {
        var colours = TapPalette.Colours(name);
        var theme = new Theme(1, new ThemeSpec(name, new Dictionary<ThemeColour, int>()));
        foreach (var (vision, simulate) in Visions)
        {
            var seen = colours.Select(simulate).ToList();
            // The three taps of a 1-D kernel of 3, far apart; all six at least clearly apart.
            Assert.True(MinimumDistance(seen.Take(3)) >= 22, $"{name}, {vision}: the first three taps are only {MinimumDistance(seen.Take(3)):0.0} apart (CIEDE2000)");
            Assert.True(MinimumDistance(seen) >= (vision == "normal" ? 12 : 8), $"{name}, {vision}: two taps are only {MinimumDistance(seen):0.0} apart (CIEDE2000)");
        }
        foreach (var colour in colours)
        {
            foreach (var fill in new[] { theme.Input, theme.Output, theme.Lines })
            {
                Assert.True(Ciede2000(colour, fill) >= 15, $"{name}: tap colour {colour} is only {Ciede2000(colour, fill):0.0} from the map colour {fill}");
            }
        }
    }

    [Fact]
    public void Print_tells_its_greys_apart_by_lightness()
    {
        var greys = TapPalette.Colours(ThemeName.Print);
        Assert.All(greys, g => Assert.True(g.Red == g.Green && g.Green == g.Blue, $"{g} is not a grey"));
        Assert.True(MinimumDistance(greys) >= 15);
    }

    private static readonly (string Name, Func<SKColor, SKColor> Simulate)[] Visions =
    [
        ("normal", c => c),
        ("deuteranopia", c => Simulate(c, [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]])),
        ("protanopia", c => Simulate(c, [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]])),
    ];

    private static double MinimumDistance(IEnumerable<SKColor> colours)
    {
        var list = colours.ToList();
        return list.SelectMany((a, i) => list.Skip(i + 1).Select(b => Ciede2000(a, b))).Min();
    }

    private static double Linear(byte channel)
    {
        var v = channel / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
    }

    private static byte Gamma(double v)
    {
        v = Math.Clamp(v, 0, 1);
        return (byte)Math.Round(255 * (v <= 0.0031308 ? 12.92 * v : 1.055 * Math.Pow(v, 1 / 2.4) - 0.055));
    }

    /// <summary>Machado et al.'s matrix of a dichromacy (severity 1) applied in linear RGB.</summary>
    private static SKColor Simulate(SKColor c, double[][] m)
    {
        double[] rgb = [Linear(c.Red), Linear(c.Green), Linear(c.Blue)];
        return new SKColor(Gamma(m[0][0] * rgb[0] + m[0][1] * rgb[1] + m[0][2] * rgb[2]), Gamma(m[1][0] * rgb[0] + m[1][1] * rgb[1] + m[1][2] * rgb[2]),
            Gamma(m[2][0] * rgb[0] + m[2][1] * rgb[1] + m[2][2] * rgb[2]));
    }

    private static double Contrast(SKColor a, SKColor b)
    {
        double L(SKColor c) => 0.2126 * Linear(c.Red) + 0.7152 * Linear(c.Green) + 0.0722 * Linear(c.Blue);
        var (la, lb) = (L(a), L(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    /// <summary>CIE L*a*b* under D65.</summary>
    private static (double L, double A, double B) Lab(SKColor c)
    {
        var (r, g, b) = (Linear(c.Red), Linear(c.Green), Linear(c.Blue));
        var x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047;
        var y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
        var z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883;
        static double F(double t) => t > 216.0 / 24389 ? Math.Cbrt(t) : (24389.0 / 27 * t + 16) / 116;
        return (116 * F(y) - 16, 500 * (F(x) - F(y)), 200 * (F(y) - F(z)));
    }

    /// <summary>CIEDE2000 (Sharma, Wu and Dalal's formulation), kL = kC = kH = 1.</summary>
    private static double Ciede2000(SKColor first, SKColor second)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180;
        var (l1, a1, b1) = Lab(first);
        var (l2, a2, b2) = Lab(second);
        var cBar = (Math.Sqrt(a1 * a1 + b1 * b1) + Math.Sqrt(a2 * a2 + b2 * b2)) / 2;
        var g = 0.5 * (1 - Math.Sqrt(Math.Pow(cBar, 7) / (Math.Pow(cBar, 7) + Math.Pow(25, 7))));
        var (a1p, a2p) = ((1 + g) * a1, (1 + g) * a2);
        var (c1p, c2p) = (Math.Sqrt(a1p * a1p + b1 * b1), Math.Sqrt(a2p * a2p + b2 * b2));
        double Hue(double b, double a) => a == 0 && b == 0 ? 0 : (Math.Atan2(b, a) * 180 / Math.PI + 360) % 360;
        var (h1, h2) = (Hue(b1, a1p), Hue(b2, a2p));
        var dl = l2 - l1;
        var dc = c2p - c1p;
        var dh = c1p * c2p == 0 ? 0 : Math.Abs(h2 - h1) <= 180 ? h2 - h1 : h2 - h1 > 180 ? h2 - h1 - 360 : h2 - h1 + 360;
        var dH = 2 * Math.Sqrt(c1p * c2p) * Math.Sin(Rad(dh / 2));
        var lBar = (l1 + l2) / 2;
        var cBarP = (c1p + c2p) / 2;
        var hBar = c1p * c2p == 0 ? h1 + h2 : Math.Abs(h1 - h2) <= 180 ? (h1 + h2) / 2 : h1 + h2 < 360 ? (h1 + h2 + 360) / 2 : (h1 + h2 - 360) / 2;
        var t = 1 - 0.17 * Math.Cos(Rad(hBar - 30)) + 0.24 * Math.Cos(Rad(2 * hBar)) + 0.32 * Math.Cos(Rad(3 * hBar + 6)) - 0.20 * Math.Cos(Rad(4 * hBar - 63));
        var dTheta = 30 * Math.Exp(-Math.Pow((hBar - 275) / 25, 2));
        var rc = 2 * Math.Sqrt(Math.Pow(cBarP, 7) / (Math.Pow(cBarP, 7) + Math.Pow(25, 7)));
        var sl = 1 + 0.015 * Math.Pow(lBar - 50, 2) / Math.Sqrt(20 + Math.Pow(lBar - 50, 2));
        var sc = 1 + 0.045 * cBarP;
        var sh = 1 + 0.015 * cBarP * t;
        var rt = -Math.Sin(Rad(2 * dTheta)) * rc;
        return Math.Sqrt(Math.Pow(dl / sl, 2) + Math.Pow(dc / sc, 2) + Math.Pow(dH / sh, 2) + rt * (dc / sc) * (dH / sh));
    }
}
