using ConvAnimations.Scenes;
using ConvAnimations.Spec;
using SkiaSharp;

namespace ConvAnimations.Rendering;

/// <summary>
/// Every colour and size of a figure. Sizes are in pixels at the figure's scale, after the guide's look
/// (../shared/facts.md). Colours come from the figure's theme: a palette and the colours it overrides.
/// </summary>
public sealed class Theme
{
    /// <summary>
    /// The palettes. Lines and text keep a contrast of at least 4.5:1 (WCAG) against what they sit on: the
    /// background, the input and output fills, each also under the highlight (text takes the darker or the lighter
    /// ink, whichever contrasts more). The guide's base03 lines and text are darkened a little (#001F27) to hold
    /// 4.5:1 on its blue. colorblind takes Okabe and Ito's sky blue and orange, which deuteranopes and protanopes
    /// tell apart (they differ along the blue-yellow axis); print is greys, its highlight heavier so that every
    /// pair of them is apart in luminance alone.
    /// Every pair of fills a reader must tell apart (padding, inserted zeros, input, output, each under the kernel's
    /// highlight, and the maps of a stack) differs by at least <see cref="MinimumDistance"/> in CIEDE2000, also as
    /// deuteranopes and protanopes see the colorblind theme and in luminance alone for print (tested over these
    /// tables). The eight input maps of a stack: the guide's blue, its violet behind it, then Solarized's other
    /// accents (cyan is the output's); Okabe and Ito's colours and two of Paul Tol's for colorblind (all eight apart
    /// for deuteranopes and protanopes too); print has room for two greys apart from the others, which alternate
    /// (a stack's maps are numbered when labelled). Lines keep at least 3:1 with every map (WCAG's contrast for shapes).
    /// </summary>
    private static readonly Dictionary<ThemeName, Palette> Palettes = new()
    {
        [ThemeName.SolarizedLight] = new("#FFFFFF", "#268BD2", "#2AA198", "#001F27", "#073642", 0.4f, "#001F27", "#FFFFFF", "#D5CDB6",
            ["#6C71C4", "#D33682", "#B58900", "#859900", "#CB4B16", "#93A1A1", "#DC322F"]),
        [ThemeName.SolarizedDark] = new("#002B36", "#1A5F91", "#17695F", "#EEE8D5", "#FDF6E3", 0.3f, "#000000", "#FDF6E3", "#3B3A2E",
            ["#3F4484", "#8C2459", "#7A5C00", "#5A6800", "#8F3510", "#4A5A60", "#2E6B2E"]),
        [ThemeName.Colorblind] = new("#FFFFFF", "#56B4E9", "#E69F00", "#000000", "#000000", 0.4f, "#000000", "#FFFFFF", "#C8C8C8",
            ["#CC79A7", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#994455", "#99DDFF"]),
        [ThemeName.Print] = new("#FFFFFF", "#CFCFCF", "#A7A7A7", "#000000", "#000000", 0.58f, "#000000", "#FFFFFF", "#878787",
            ["#646464", "#CFCFCF", "#646464", "#CFCFCF", "#646464", "#CFCFCF", "#646464"]),
    };

    /// <summary>
    /// The least CIEDE2000 distance between two fills a reader must tell apart: Solarized's own closest accents (orange
    /// and red) are 10.1 apart, Okabe and Ito's closest 21.7.
    /// </summary>
    public const double MinimumDistance = 10;

    /// <param name="OtherInputs">The second to eighth input maps of a stack.</param>
    private sealed record Palette(string Background, string Input, string Output, string Lines, string Highlight, float HighlightAlpha, string DarkInk, string LightInk,
        string Zeros, string[] OtherInputs);

    public Theme(double scale, ThemeSpec spec)
    {
        var s = (float)scale;
        CellSize = 29.5f * s;
        Margin = 21f * s;
        ThickLine = 1.7f * s;
        ThinLine = 0.8f * s;
        Dash = [6.5f * s, 4.5f * s];
        TextSize = 14f * s;

        var palette = Palettes[spec.Base];
        SKColor Pick(ThemeColour colour, string fallback) =>
            spec.Colours.TryGetValue(colour, out var rgb) ? new SKColor((uint)rgb | 0xFF000000) : SKColor.Parse(fallback);
        Background = Pick(ThemeColour.Background, palette.Background);
        Input = Pick(ThemeColour.Input, palette.Input);
        Output = Pick(ThemeColour.Output, palette.Output);
        InsertedZeros = SKColor.Parse(palette.Zeros);
        InputMaps = [Input, .. palette.OtherInputs.Select(SKColor.Parse)];
        Lines = Pick(ThemeColour.Lines, palette.Lines);
        // SkiaSharp's SVG writer drops the opacity of a pure black fill (it leaves out both attributes), which would
        // make the highlight opaque in SVG: #010101 looks the same and keeps it translucent.
        var highlight = Pick(ThemeColour.Highlight, palette.Highlight);
        if (highlight == SKColors.Black) highlight = new SKColor(1, 1, 1);
        Highlight = highlight.WithAlpha((byte)Math.Round(palette.HighlightAlpha * 255));
        DarkInk = SKColor.Parse(palette.DarkInk);
        LightInk = SKColor.Parse(palette.LightInk);
    }

    /// <summary>The light grid of a matrix's zeros: the lines' colour, faded.</summary>
    public SKColor Faint => Lines.WithAlpha(64);

    public float CellSize { get; }
    public float Margin { get; private init; }
    public float ThickLine { get; private init; }
    public float ThinLine { get; private init; }
    public float[] Dash { get; }

    /// <summary>The font size of captions and the legend: 9 px digits at scale 1, like the numbers.</summary>
    public float TextSize { get; private init; }

    /// <summary>The same colours with text, lines (and margin) of the given sizes, whatever the scale (a page for a paper).</summary>
    public Theme WithSizes(float text, float thick, float thin, float? margin = null) =>
        new(this) { TextSize = text, ThickLine = thick, ThinLine = thin, Margin = margin ?? Margin };

    private Theme(Theme other)
    {
        (CellSize, Margin, ThickLine, ThinLine, Dash, TextSize) = (other.CellSize, other.Margin, other.ThickLine, other.ThinLine, other.Dash, other.TextSize);
        (Background, Input, Output, InsertedZeros, InputMaps, Lines, Highlight, DarkInk, LightInk) =
            (other.Background, other.Input, other.Output, other.InsertedZeros, other.InputMaps, other.Lines, other.Highlight, other.DarkInk, other.LightInk);
    }

    public SKColor Background { get; }
    public SKColor Input { get; }
    public SKColor Output { get; }
    public SKColor SecondInput => InputMaps[1];
    public SKColor ThirdInput => InputMaps[2];

    /// <summary>The fill of the zeros a transposed figure inserts between input cells: apart from padding's blank.</summary>
    public SKColor InsertedZeros { get; }

    /// <summary>The input maps of a stack, in turn (<see cref="Shades.InputMaps"/>): the first is <see cref="Input"/>.</summary>
    public IReadOnlyList<SKColor> InputMaps { get; }
    public SKColor Lines { get; }

    /// <summary>Translucent: it darkens (or, in the dark theme, lightens) what it covers.</summary>
    public SKColor Highlight { get; }

    public SKColor DarkInk { get; }
    public SKColor LightInk { get; }

    public SKColor ColourOf(Shade shade) => shade switch
    {
        Shade.Output => Output,
        Shade.Background => Background,
        Shade.InsertedZero => InsertedZeros,
        Shade.Highlight => Highlight,
        _ => InputMaps[Shades.InputMaps.ToList().IndexOf(shade)],
    };

    /// <summary>The colour a surface shows: its fill (or the background), under the highlight if highlighted.</summary>
    public SKColor ColourOf(Surface surface)
    {
        var under = surface.Fill is { } fill ? ColourOf(fill) : Background;
        return surface.Highlighted ? Over(under, Highlight) : under;
    }

    /// <summary>The ink for text on a surface: the darker or the lighter, whichever contrasts more with it.</summary>
    public SKColor InkOn(Surface surface)
    {
        var colour = ColourOf(surface);
        return Contrast(DarkInk, colour) >= Contrast(LightInk, colour) ? DarkInk : LightInk;
    }

    /// <summary>WCAG 2's contrast ratio of two opaque colours, from 1 to 21.</summary>
    public static double Contrast(SKColor a, SKColor b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(SKColor c)
    {
        static double Linear(byte channel)
        {
            var v = channel / 255.0;
            return v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Linear(c.Red) + 0.7152 * Linear(c.Green) + 0.0722 * Linear(c.Blue);
    }

    /// <summary>A translucent colour over an opaque one, as source-over blending draws it.</summary>
    public static SKColor Over(SKColor under, SKColor over)
    {
        var a = over.Alpha / 255f;
        byte Mix(byte u, byte o) => (byte)Math.Round(u * (1 - a) + o * a);
        return new SKColor(Mix(under.Red, over.Red), Mix(under.Green, over.Green), Mix(under.Blue, over.Blue));
    }
}

/// <summary>The fonts the project ships; never the system's, so frames are identical on every machine.</summary>
public static class Fonts
{
    // Loaded once: each load copies the font into native memory, and a render of hundreds of figures measures and
    // draws text for each of them. The typeface is immutable and shared; nobody disposes it.
    private static readonly Lazy<SKTypeface> SerifFace = new(Load);

    /// <summary>CMU Serif (Computer Modern, as in the guide), shipped with the project and loaded from its bytes.</summary>
    public static SKTypeface Serif => SerifFace.Value;

    /// <summary>A font of <see cref="Serif"/> as every figure draws text: outlines unhinted, positioned to subpixels.</summary>
    public static SKFont SerifFont() => new(Serif, 1f) { Subpixel = true, Edging = SKFontEdging.Antialias, Hinting = SKFontHinting.None };

    private static SKTypeface Load()
    {
        using var stream = typeof(Fonts).Assembly.GetManifestResourceStream("ConvAnimations.Fonts.cmunrm.ttf")
            ?? throw new InvalidOperationException("the font ConvAnimations.Fonts.cmunrm.ttf is not embedded in the assembly");
        return SKTypeface.FromStream(stream)
            ?? throw new InvalidOperationException("SkiaSharp could not load the embedded font cmunrm.ttf");
    }
}
