using ConvAnimations.Rendering;
using ConvAnimations.Spec;
using SkiaSharp;
using static ConvAnimations.Tests.Support.ColourScience;

namespace ConvAnimations.Tests.Rendering;

/// <summary>
/// Every pair of fills a reader must tell apart differs by at least Theme.MinimumDistance in CIEDE2000, measured with
/// the tests' own <see cref="Support.ColourScience"/>: in every theme, also as deuteranopes and protanopes see the
/// colorblind theme (Machado, Oliveira and Fernandes 2009, severity 1), and in luminance alone for print.
/// </summary>
public sealed class ColourDistanceTests
{
    public static TheoryData<ThemeName> Themes => new(Enum.GetValues<ThemeName>());

    [Theory]
    [MemberData(nameof(Themes))]
    public void Every_pair_of_fills_a_reader_tells_apart_differs_by_at_least_the_stated_distance(ThemeName name)
    {
        var theme = new Theme(1, ThemeSpec.Guide with { Base = name });
        Assert.True(Theme.MinimumDistance >= 10);
        var views = name switch
        {
            ThemeName.Colorblind => new (string, Func<SKColor, (double, double, double)>)[] { ("", Lab), (" (deuteranopia)", c => Lab(Deuteranopia(c))), (" (protanopia)", c => Lab(Protanopia(c))) },
            ThemeName.Print => [(" (luminance)", c => (Lab(c).L, 0, 0))],
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
}
