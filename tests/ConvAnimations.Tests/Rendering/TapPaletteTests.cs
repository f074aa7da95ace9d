using ConvAnimations.Rendering;
using ConvAnimations.Spec;
using SkiaSharp;
using static ConvAnimations.Tests.Support.ColourScience;

namespace ConvAnimations.Tests.Rendering;

/// <summary>
/// The tap colours of <c>view: connectivity</c> (the same tap, the same colour): legible as lines on each theme's
/// background (WCAG's 3:1) and told apart, measured with CIEDE2000 in normal vision and in Machado, Oliveira and
/// Fernandes' (2009) simulations of deuteranopia and protanopia, all from the tests' own <see cref="Support.ColourScience"/>.
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
        ("deuteranopia", Deuteranopia),
        ("protanopia", Protanopia),
    ];
}
