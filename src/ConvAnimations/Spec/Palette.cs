using System.Globalization;

namespace ConvAnimations.Spec;

/// <summary>
/// A theme's colours as 0xRRGGBB: those a figure may override (background, input, output, lines, highlight), the
/// highlight's opacity, the two inks text takes (the darker or the lighter, whichever reads better on its surface),
/// the fill of inserted zeros, and the second to eighth input maps of a stack.
/// <para>
/// Lines and text keep a contrast of at least 4.5:1 (WCAG) against what they sit on: the background, the input and
/// output fills, each also under the highlight. The guide's base03 lines and text are darkened a little (#001F27) to
/// hold 4.5:1 on its blue. colorblind takes Okabe and Ito's sky blue and orange, which deuteranopes and protanopes
/// tell apart (they differ along the blue-yellow axis); print is greys, its highlight heavier so that every pair of
/// them is apart in luminance alone.
/// </para>
/// <para>
/// Every pair of fills a reader must tell apart (padding, inserted zeros, input, output, each under the kernel's
/// highlight, and the maps of a stack) differs by at least <see cref="MinimumDistance"/> in CIEDE2000, also as
/// deuteranopes and protanopes see the colorblind theme and in luminance alone for print (tested over these tables).
/// The eight input maps of a stack: the guide's blue, its violet behind it, then Solarized's other accents (cyan is the
/// output's); Okabe and Ito's colours and two of Paul Tol's for colorblind (all eight apart for deuteranopes and
/// protanopes too); print has room for two greys apart from the others, which alternate (a stack's maps are numbered
/// when labelled). Lines keep at least 3:1 with every map (WCAG's contrast for shapes).
/// </para>
/// </summary>
/// <param name="OtherInputs">The second to eighth input maps of a stack.</param>
public sealed record Palette(int Background, int Input, int Output, int Lines, int Highlight, float HighlightAlpha, int DarkInk, int LightInk, int Zeros, IReadOnlyList<int> OtherInputs)
{
    /// <summary>What text and lines keep against what they sit on (WCAG 2, AA for text).</summary>
    public const double MinimumContrast = 4.5;

    /// <summary>
    /// The least CIEDE2000 distance between two fills a reader must tell apart: Solarized's own closest accents (orange
    /// and red) are 10.1 apart, Okabe and Ito's closest 21.7.
    /// </summary>
    public const double MinimumDistance = 10;

    private static readonly Dictionary<ThemeName, Palette> Palettes = new()
    {
        [ThemeName.SolarizedLight] = new(0xFFFFFF, 0x268BD2, 0x2AA198, 0x001F27, 0x073642, 0.4f, 0x001F27, 0xFFFFFF, 0xD5CDB6,
            [0x6C71C4, 0xD33682, 0xB58900, 0x859900, 0xCB4B16, 0x93A1A1, 0xDC322F]),
        [ThemeName.SolarizedDark] = new(0x002B36, 0x1A5F91, 0x17695F, 0xEEE8D5, 0xFDF6E3, 0.3f, 0x000000, 0xFDF6E3, 0x3B3A2E,
            [0x3F4484, 0x8C2459, 0x7A5C00, 0x5A6800, 0x8F3510, 0x4A5A60, 0x2E6B2E]),
        [ThemeName.Colorblind] = new(0xFFFFFF, 0x56B4E9, 0xE69F00, 0x000000, 0x000000, 0.4f, 0x000000, 0xFFFFFF, 0xC8C8C8,
            [0xCC79A7, 0x009E73, 0xF0E442, 0x0072B2, 0xD55E00, 0x994455, 0x99DDFF]),
        [ThemeName.Print] = new(0xFFFFFF, 0xCFCFCF, 0xA7A7A7, 0x000000, 0x000000, 0.58f, 0x000000, 0xFFFFFF, 0x878787,
            [0x646464, 0xCFCFCF, 0x646464, 0xCFCFCF, 0x646464, 0xCFCFCF, 0x646464]),
    };

    /// <summary>A theme's palette: its base's, with the colours it overrides.</summary>
    public static Palette Of(ThemeSpec theme)
    {
        var palette = Palettes[theme.Base];
        int Pick(ThemeColour colour, int fallback) => theme.Colours.TryGetValue(colour, out var rgb) ? rgb : fallback;
        return palette with
        {
            Background = Pick(ThemeColour.Background, palette.Background),
            Input = Pick(ThemeColour.Input, palette.Input),
            Output = Pick(ThemeColour.Output, palette.Output),
            Lines = Pick(ThemeColour.Lines, palette.Lines),
            Highlight = Pick(ThemeColour.Highlight, palette.Highlight),
        };
    }

    /// <summary>The highlight's opacity as the one byte of alpha it is drawn with.</summary>
    public byte HighlightAlphaByte => (byte)Math.Round(HighlightAlpha * 255);

    /// <summary>The colour a surface shows: <paramref name="fill"/>, under the highlight when <paramref name="highlighted"/>.</summary>
    public int Surface(int fill, bool highlighted) => highlighted ? Over(fill, Highlight, HighlightAlphaByte) : fill;

    /// <summary>The ink for text on <paramref name="surface"/>: the darker or the lighter, whichever contrasts more with it.</summary>
    public int InkOn(int surface) => Contrast(DarkInk, surface) >= Contrast(LightInk, surface) ? DarkInk : LightInk;

    /// <summary>
    /// The pairs of colours whose contrast is below <see cref="MinimumContrast"/>: lines on the background, input and
    /// output; text on each of them, plain and under the highlight. Each with the colours that make it, to be named.
    /// </summary>
    public IEnumerable<(string Problem, ThemeColour[] Colours)> ContrastProblems()
    {
        (ThemeColour Colour, int Rgb)[] fills = [(ThemeColour.Background, Background), (ThemeColour.Input, Input), (ThemeColour.Output, Output)];
        foreach (var (colour, rgb) in fills)
        {
            var name = Words<ThemeColour>.NameOf(colour);
            if (Contrast(Lines, rgb) < MinimumContrast)
            {
                yield return ($"lines {Hex(Lines)} on {name} {Hex(rgb)} have a contrast of {Ratio(Contrast(Lines, rgb))}", [ThemeColour.Lines, colour]);
            }
            foreach (var highlighted in new[] { false, true })
            {
                var surface = Surface(rgb, highlighted);
                if (Contrast(InkOn(surface), surface) >= MinimumContrast) continue;
                var where = highlighted ? $"{name} {Hex(rgb)} under the highlight {Hex(Highlight)} ({Hex(surface)})" : $"{name} {Hex(rgb)}";
                yield return ($"text on {where} reads at best at {Ratio(Contrast(InkOn(surface), surface))} (ink {Hex(DarkInk)} or {Hex(LightInk)})",
                    highlighted ? [colour, ThemeColour.Highlight] : [colour]);
            }
        }
    }

    /// <summary>WCAG 2's contrast ratio of two opaque colours, from 1 to 21.</summary>
    public static double Contrast(int a, int b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(int rgb)
    {
        static double Linear(int channel)
        {
            var v = channel / 255.0;
            return v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Linear((rgb >> 16) & 0xFF) + 0.7152 * Linear((rgb >> 8) & 0xFF) + 0.0722 * Linear(rgb & 0xFF);
    }

    /// <summary>A translucent colour (<paramref name="alpha"/> of 255) over an opaque one, as source-over blending draws it.</summary>
    public static int Over(int under, int over, byte alpha)
    {
        var a = alpha / 255f;
        int Mix(int shift) => (byte)Math.Round(((under >> shift) & 0xFF) * (1 - a) + ((over >> shift) & 0xFF) * a) << shift;
        return Mix(16) | Mix(8) | Mix(0);
    }

    private static string Hex(int rgb) => $"#{rgb:X6}";

    private static string Ratio(double contrast) => (Math.Floor(contrast * 100) / 100).ToString("0.00", CultureInfo.InvariantCulture) + ":1";
}
