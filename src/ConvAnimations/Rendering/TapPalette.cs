using ConvAnimations.Spec;
using SkiaSharp;

namespace ConvAnimations.Rendering;

/// <summary>How the edges of one kernel tap are drawn (view: connectivity): a colour, and a dash pattern.</summary>
/// <param name="Dash">On and off lengths in line widths, or null for a solid line.</param>
internal readonly record struct TapStyle(SKColor Colour, float[]? Dash);

/// <summary>
/// The colours of a kernel's taps, so an edge shows which weight it carries: the same tap, the same colour. Kept apart
/// from the theme's palettes (which colour maps and lines). Each palette's colours keep a contrast of at least 3:1
/// (WCAG's for lines) with the theme's background, stay away from its input and output fills and its lines, and were
/// chosen for their distance (CIEDE2000) in normal vision and as deuteranopes and protanopes see them, the first three
/// (a 1-D kernel of 3) farthest apart; tests measure both. Taps beyond a palette's colours take them again dashed, then
/// dotted, so the nine taps of a 3x3 kernel all differ. Print has greys only: three, solid, dashed and dotted.
/// </summary>
internal static class TapPalette
{
    private static readonly Dictionary<ThemeName, string[]> Palettes = new()
    {
        // Solarized's red, yellow, violet, magenta and green, darkened where a thin line needs it, and an indigo.
        [ThemeName.SolarizedLight] = ["#891917", "#B58900", "#6C71C4", "#AE2668", "#6A7A00", "#343982"],
        // On base03: a lime, base2's lavender, magenta, a salmon, violet and orange.
        [ThemeName.SolarizedDark] = ["#99B000", "#CECFEB", "#D33682", "#ED9796", "#6C71C4", "#CB4B16"],
        // Okabe and Ito's vermillion, blue, reddish purple, bluish green and orange, darkened, and their blue, beside
        // the theme's sky blue and orange.
        [ThemeName.Colorblind] = ["#954200", "#00507D", "#CC79A7", "#008662", "#A16F00", "#0072B2"],
        [ThemeName.Print] = ["#000000", "#5F5F5F", "#8C8C8C"],
    };

    /// <summary>Solid, dashed and dotted, in line widths.</summary>
    private static readonly float[]?[] Dashes = [null, [4, 2.5f], [1, 2]];

    /// <summary>The colours of a theme's taps, before any repeats dashed.</summary>
    public static IReadOnlyList<SKColor> Colours(ThemeName theme) => Palettes[theme].Select(c => SKColor.Parse(c)).ToList();

    /// <summary>Every style of a theme's taps: each colour solid, then each dashed, then each dotted.</summary>
    public static IReadOnlyList<TapStyle> For(ThemeName theme)
    {
        var colours = Colours(theme);
        return Dashes.SelectMany(dash => colours.Select(colour => new TapStyle(colour, dash))).ToList();
    }
}
