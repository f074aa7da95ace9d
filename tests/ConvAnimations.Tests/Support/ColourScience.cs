using SkiaSharp;

namespace ConvAnimations.Tests.Support;

/// <summary>
/// Colour science written here from its standards and papers, sharing nothing with the production code: sRGB
/// (IEC 61966-2-1) to CIELAB under D65, CIEDE2000 as Sharma, Wu and Dalal (2005) formulate it (checked against their
/// published test data by ColourScienceTests), Machado, Oliveira and Fernandes' (2009) simulations of deuteranopia and
/// protanopia (severity 1), and WCAG 2's contrast ratio.
/// </summary>
public static class ColourScience
{
    /// <summary>An sRGB channel (0 to 255) as linear light (0 to 1).</summary>
    public static double Linear(byte channel)
    {
        var v = channel / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
    }

    /// <summary>Linear light, clamped to 0 to 1, as an sRGB channel.</summary>
    public static byte Encoded(double linear)
    {
        var v = Math.Clamp(linear, 0, 1);
        return (byte)Math.Round(255 * (v <= 0.0031308 ? 12.92 * v : 1.055 * Math.Pow(v, 1 / 2.4) - 0.055));
    }

    /// <summary>sRGB to CIE L*a*b*, D65 white.</summary>
    public static (double L, double A, double B) Lab(SKColor c)
    {
        var (r, g, b) = (Linear(c.Red), Linear(c.Green), Linear(c.Blue));
        var x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
        var y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
        var z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
        static double F(double t) => t > 216.0 / 24389 ? Math.Cbrt(t) : (24389.0 / 27 * t + 16) / 116;
        return (116 * F(y) - 16, 500 * (F(x) - F(y)), 200 * (F(y) - F(z)));
    }

    /// <summary>CIEDE2000 between two sRGB colours.</summary>
    public static double Ciede2000(SKColor first, SKColor second) => Ciede2000(Lab(first), Lab(second));

    /// <summary>CIEDE2000 (Sharma, Wu and Dalal's formulation), kL = kC = kH = 1.</summary>
    public static double Ciede2000((double L, double A, double B) first, (double L, double A, double B) second)
    {
        static double Rad(double degrees) => degrees * Math.PI / 180;
        static double Deg(double radians) => radians * 180 / Math.PI;
        var ((l1, a1, b1), (l2, a2, b2)) = (first, second);
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

    /// <summary>The smallest CIEDE2000 between two of the colours.</summary>
    public static double MinimumDistance(IEnumerable<SKColor> colours)
    {
        var list = colours.ToList();
        return list.SelectMany((a, i) => list.Skip(i + 1).Select(b => Ciede2000(a, b))).Min();
    }

    // Machado, Oliveira and Fernandes (2009), severity 1.0, on linear RGB.
    private static readonly double[,] DeuteranopiaMatrix = { { 0.367322, 0.860646, -0.227968 }, { 0.280085, 0.672501, 0.047413 }, { -0.011820, 0.042940, 0.968881 } };
    private static readonly double[,] ProtanopiaMatrix = { { 0.152286, 1.052583, -0.204868 }, { 0.114503, 0.786281, 0.099216 }, { -0.003882, -0.048116, 1.051998 } };

    /// <summary>The colour as a deuteranope sees it.</summary>
    public static SKColor Deuteranopia(SKColor c) => Simulate(DeuteranopiaMatrix, c);

    /// <summary>The colour as a protanope sees it.</summary>
    public static SKColor Protanopia(SKColor c) => Simulate(ProtanopiaMatrix, c);

    private static SKColor Simulate(double[,] m, SKColor c)
    {
        double[] rgb = [Linear(c.Red), Linear(c.Green), Linear(c.Blue)];
        byte Channel(int i) => Encoded(m[i, 0] * rgb[0] + m[i, 1] * rgb[1] + m[i, 2] * rgb[2]);
        return new SKColor(Channel(0), Channel(1), Channel(2));
    }

    /// <summary>WCAG 2's relative luminance.</summary>
    public static double RelativeLuminance(SKColor c) => 0.2126 * Linear(c.Red) + 0.7152 * Linear(c.Green) + 0.0722 * Linear(c.Blue);

    /// <summary>WCAG 2's contrast ratio, 1 to 21.</summary>
    public static double Contrast(SKColor a, SKColor b)
    {
        var (la, lb) = (RelativeLuminance(a), RelativeLuminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }
}
