using ConvAnimations.Scenes;
using ConvAnimations.Spec;
using SkiaSharp;

namespace ConvAnimations.Rendering;

/// <summary>
/// Every colour and size of a figure. Sizes are in pixels at the figure's scale, after the guide's look as measured
/// on its published GIFs (cells about 29.5 px, a 21 px margin, lines 1.7 and 0.8 px). Colours come from the figure's
/// theme: its palette (<see cref="Palette"/>, which the reader checks too) and the colours it overrides.
/// </summary>
public sealed class Theme
{
    private readonly Palette _palette;

    public Theme(double scale, ThemeSpec spec)
    {
        var s = (float)scale;
        CellSize = 29.5f * s;
        Margin = 21f * s;
        ThickLine = 1.7f * s;
        ThinLine = 0.8f * s;
        Dash = [6.5f * s, 4.5f * s];
        TextSize = 14f * s;

        _palette = Palette.Of(spec);
        Background = Colour(_palette.Background);
        Input = Colour(_palette.Input);
        Output = Colour(_palette.Output);
        InsertedZeros = Colour(_palette.Zeros);
        InputMaps = [Input, .. _palette.OtherInputs.Select(Colour)];
        Lines = Colour(_palette.Lines);
        // SkiaSharp's SVG writer drops the opacity of a pure black fill (it leaves out both attributes), which would
        // make the highlight opaque in SVG: #010101 looks the same and keeps it translucent.
        var highlight = Colour(_palette.Highlight);
        if (highlight == SKColors.Black) highlight = new SKColor(1, 1, 1);
        Highlight = highlight.WithAlpha(_palette.HighlightAlphaByte);
        DarkInk = Colour(_palette.DarkInk);
        LightInk = Colour(_palette.LightInk);
        Taps = TapPalette.For(spec.Base);
    }

    /// <summary>The colours (and, in print, dashes) of a kernel's taps on the edges of view: connectivity (<see cref="TapPalette"/>).</summary>
    internal IReadOnlyList<TapStyle> Taps { get; }

    /// <summary>The style of tap <paramref name="tap"/> (row-major in the direct kernel); a larger kernel repeats the palette.</summary>
    internal TapStyle Tap(int tap) => Taps[tap % Taps.Count];

    private static SKColor Colour(int rgb) => new((uint)rgb | 0xFF000000);

    private static int Rgb(SKColor colour) => (colour.Red << 16) | (colour.Green << 8) | colour.Blue;

    /// <summary>The least CIEDE2000 distance between fills a reader must tell apart (<see cref="Palette.MinimumDistance"/>).</summary>
    public const double MinimumDistance = Palette.MinimumDistance;

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
        _palette = other._palette;
        (CellSize, Margin, ThickLine, ThinLine, Dash, TextSize) = (other.CellSize, other.Margin, other.ThickLine, other.ThinLine, other.Dash, other.TextSize);
        (Background, Input, Output, InsertedZeros, InputMaps, Lines, Highlight, DarkInk, LightInk) =
            (other.Background, other.Input, other.Output, other.InsertedZeros, other.InputMaps, other.Lines, other.Highlight, other.DarkInk, other.LightInk);
        Taps = other.Taps;
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
    public SKColor InkOn(Surface surface) => Colour(_palette.InkOn(Rgb(ColourOf(surface))));

    /// <summary>WCAG 2's contrast ratio of two opaque colours, from 1 to 21.</summary>
    public static double Contrast(SKColor a, SKColor b) => Palette.Contrast(Rgb(a), Rgb(b));

    /// <summary>A translucent colour over an opaque one, as source-over blending draws it.</summary>
    public static SKColor Over(SKColor under, SKColor over) => Colour(Palette.Over(Rgb(under), Rgb(over), over.Alpha));
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
