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
    /// tell apart (they differ along the blue-yellow axis); print is greys two to one apart in luminance.
    /// The second and third input maps of a stack (then again blue, second, third) take the guide's violet behind its
    /// blue, and Solarized's magenta; in each palette colours its lines keep at least 3:1 with (WCAG's contrast for
    /// shapes; no text sits on them: the maps of a numerical figure are all the input colour).
    /// </summary>
    private static readonly Dictionary<ThemeName, Palette> Palettes = new()
    {
        [ThemeName.SolarizedLight] = new("#FFFFFF", "#268BD2", "#2AA198", "#001F27", "#073642", 0.4f, "#001F27", "#FFFFFF", "#6C71C4", "#D33682"),
        [ThemeName.SolarizedDark] = new("#002B36", "#1A5F91", "#17695F", "#EEE8D5", "#FDF6E3", 0.3f, "#000000", "#FDF6E3", "#3F4484", "#8C2459"),
        [ThemeName.Colorblind] = new("#FFFFFF", "#56B4E9", "#E69F00", "#000000", "#000000", 0.4f, "#000000", "#FFFFFF", "#CC79A7", "#009E73"),
        [ThemeName.Print] = new("#FFFFFF", "#C8C8C8", "#8A8A8A", "#000000", "#000000", 0.4f, "#000000", "#FFFFFF", "#E8E8E8", "#ABABAB"),
    };

    private sealed record Palette(string Background, string Input, string Output, string Lines, string Highlight, float HighlightAlpha, string DarkInk, string LightInk,
        string SecondInput, string ThirdInput);

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
        SecondInput = SKColor.Parse(palette.SecondInput);
        ThirdInput = SKColor.Parse(palette.ThirdInput);
        Lines = Pick(ThemeColour.Lines, palette.Lines);
        // SkiaSharp's SVG writer drops the opacity of a pure black fill (it leaves out both attributes), which would
        // make the highlight opaque in SVG: #010101 looks the same and keeps it translucent.
        var highlight = Pick(ThemeColour.Highlight, palette.Highlight);
        if (highlight == SKColors.Black) highlight = new SKColor(1, 1, 1);
        Highlight = highlight.WithAlpha((byte)Math.Round(palette.HighlightAlpha * 255));
        DarkInk = SKColor.Parse(palette.DarkInk);
        LightInk = SKColor.Parse(palette.LightInk);
        Taps = TapPalette.For(spec.Base);
    }

    /// <summary>The colours (and, in print, dashes) of a kernel's taps on the edges of view: connectivity (<see cref="TapPalette"/>).</summary>
    internal IReadOnlyList<TapStyle> Taps { get; }

    /// <summary>The style of tap <paramref name="tap"/> (row-major in the direct kernel); a larger kernel repeats the palette.</summary>
    internal TapStyle Tap(int tap) => Taps[tap % Taps.Count];

    /// <summary>The light grid of a matrix's zeros: the lines' colour, faded.</summary>
    public SKColor Faint => Lines.WithAlpha(64);

    public float CellSize { get; }
    public float Margin { get; }
    public float ThickLine { get; }
    public float ThinLine { get; }
    public float[] Dash { get; }

    /// <summary>The font size of captions and the legend: 9 px digits at scale 1, like the numbers.</summary>
    public float TextSize { get; }

    public SKColor Background { get; }
    public SKColor Input { get; }
    public SKColor Output { get; }
    public SKColor SecondInput { get; }
    public SKColor ThirdInput { get; }
    public SKColor Lines { get; }

    /// <summary>Translucent: it darkens (or, in the dark theme, lightens) what it covers.</summary>
    public SKColor Highlight { get; }

    public SKColor DarkInk { get; }
    public SKColor LightInk { get; }

    public SKColor ColourOf(Shade shade) => shade switch
    {
        Shade.Input => Input,
        Shade.Output => Output,
        Shade.SecondInput => SecondInput,
        Shade.ThirdInput => ThirdInput,
        Shade.Background => Background,
        _ => Highlight,
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
    private static SKColor Over(SKColor under, SKColor over)
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
