using ConvAnimations.Layout;
using ConvAnimations.Preparation;
using ConvAnimations.Rendering;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using SkiaSharp;

namespace ConvAnimations.Tests.Rendering;

/// <summary>Themes keep text and lines readable; numbers are large enough and fit their cells, measured from the font.</summary>
public sealed class LegibilityTests
{
    public static TheoryData<ThemeName> Themes => new(Enum.GetValues<ThemeName>());

    private static readonly Surface[] Surfaces =
        [.. new Shade?[] { null, Shade.Input, Shade.Output }.SelectMany(fill => new[] { new Surface(fill, false), new Surface(fill, true) })];

    [Theory]
    [MemberData(nameof(Themes))]
    public void Text_and_lines_contrast_at_least_4_5_to_1_with_what_they_sit_on(ThemeName name)
    {
        var theme = new Theme(1, ThemeSpec.Guide with { Base = name });
        foreach (var surface in Surfaces)
        {
            var contrast = Theme.Contrast(theme.InkOn(surface), theme.ColourOf(surface));
            Assert.True(contrast >= 4.5, $"{name}: text on {surface} has contrast {contrast:0.00}");
        }
        // Lines lie on the background and along the input and output cells.
        foreach (var under in new[] { theme.Background, theme.Input, theme.Output })
        {
            Assert.True(Theme.Contrast(theme.Lines, under) >= 4.5, $"{name}: lines on {under} have contrast {Theme.Contrast(theme.Lines, under):0.00}");
        }
    }

    [Fact]
    public void The_contrast_formula_is_wcags()
    {
        Assert.Equal(21, Theme.Contrast(SKColors.Black, SKColors.White), 3);
        Assert.Equal(1, Theme.Contrast(SKColors.Gray, SKColors.Gray), 3);
        // WCAG's own example pair: #777777 on white is 4.48:1, just under the 4.5 line.
        Assert.Equal(4.48, Theme.Contrast(SKColor.Parse("#777777"), SKColors.White), 2);
    }

    [Fact]
    public void Colorblind_input_and_output_differ_for_deuteranopes_and_protanopes()
    {
        var theme = new Theme(1, ThemeSpec.Guide with { Base = ThemeName.Colorblind });
        // Machado, Oliveira and Fernandes (2009), severity 1: what each sees. Blue-yellow differences survive both.
        double[,] deuteranopia = { { 0.367, 0.861, -0.228 }, { 0.280, 0.673, 0.047 }, { -0.012, 0.043, 0.969 } };
        double[,] protanopia = { { 0.152, 1.053, -0.205 }, { 0.115, 0.786, 0.099 }, { -0.004, -0.048, 1.052 } };
        foreach (var seen in new[] { deuteranopia, protanopia })
        {
            var (a, b) = (Simulate(seen, theme.Input), Simulate(seen, theme.Output));
            var distance = Math.Sqrt(Enumerable.Range(0, 3).Sum(i => Math.Pow(a[i] - b[i], 2)));
            Assert.True(distance > 0.3, $"input and output look alike ({distance:0.00})");
        }
    }

    private static double[] Simulate(double[,] m, SKColor c)
    {
        double[] rgb = [c.Red / 255.0, c.Green / 255.0, c.Blue / 255.0];
        return Enumerable.Range(0, 3).Select(i => Math.Clamp(m[i, 0] * rgb[0] + m[i, 1] * rgb[1] + m[i, 2] * rgb[2], 0, 1)).ToArray();
    }

    [Fact]
    public void Print_input_and_output_are_greys_apart_in_lightness()
    {
        var theme = new Theme(1, ThemeSpec.Guide with { Base = ThemeName.Print });
        foreach (var colour in new[] { theme.Input, theme.Output, theme.Lines, theme.Background })
        {
            Assert.True(colour.Red == colour.Green && colour.Green == colour.Blue, $"{colour} is not a grey");
        }
        // How far apart in luminance: ColourDistanceTests, for every pair a reader tells apart.
        Assert.True(Theme.Contrast(theme.Input, theme.Output) >= 1.5);
    }

    public static TheoryData<string> Numerical => new(Repo.FigureNames().Select(n => (string)n[0]).Where(n => n.StartsWith("numerical_", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(Numerical))]
    public void Every_digit_is_at_least_9_px_tall_at_scale_1_and_every_number_fits_its_cell(string name)
    {
        var scene = Repo.Prepared(name).Scene;
        Assert.Equal(1, scene.Scale);
        var cell = new Theme(1, scene.Theme).CellSize;
        using var font = Fonts.SerifFont();
        var labels = scene.Planes.SelectMany(p => p.Labels).Concat(scene.Frames.SelectMany(f => f.Marks.OfType<Label>())).ToList();
        Assert.NotEmpty(labels);
        foreach (var label in labels)
        {
            font.Size = label.Size * cell;
            foreach (var digit in label.Text.Where(char.IsAsciiDigit))
            {
                font.MeasureText(digit.ToString(), out var glyph);
                Assert.True(glyph.Height >= 9, $"'{digit}' of {label.Text} is {glyph.Height:0.0} px tall");
            }
            // The text's ink, placed as the renderer places it, lies inside the cell, clear of its borders.
            font.MeasureText(label.Text, out var ink);
            var width = font.MeasureText(label.Text);
            var left = label.Align switch { TextAlign.Left => 0, TextAlign.Center => -width / 2, _ => -width } + label.Col * cell;
            var baseline = (label.Row + label.Size * 0.35f) * cell;
            var (col, row) = (MathF.Floor(label.Col - 0.001f), MathF.Floor(label.Row));
            var border = new Theme(1, scene.Theme).ThickLine / 2;
            // Text on a plane without lines (a multi-channel figure's sums) lies anywhere in that plane, not in one cell.
            var plane = scene.Planes[label.Plane];
            var (width1, height1) = plane.Grid == GridLine.None ? (plane.Size.Cols, plane.Size.Rows) : (1, 1);
            if (plane.Grid == GridLine.None) (col, row) = (0, 0);
            Assert.InRange(left + ink.Left, col * cell + border, (col + width1) * cell - border);
            Assert.InRange(left + ink.Right, col * cell + border, (col + width1) * cell - border);
            Assert.InRange(baseline + ink.Top, row * cell + border, (row + height1) * cell - border);
            Assert.InRange(baseline + ink.Bottom, row * cell + border, (row + height1) * cell - border);
        }
    }
}

public sealed class LookTests
{
    [Fact]
    public void The_guides_look_is_the_default_and_a_theme_overrides_its_base_colours()
    {
        var plain = Figures.Parse("figures:\n  - {name: f, input: 4, kernel: 3}\n");
        Assert.Equal(Look.Guide, plain.Look);
        var figure = Figures.Parse("figures:\n  - name: f\n    input: 4\n    kernel: 3\n    theme: {base: solarized-dark, input: \"#45408A\", output: \"#9B2C2A\"}\n    reveal: progressive\n    decimals: 2\n");
        Assert.Equal(ThemeName.SolarizedDark, figure.Look.Theme.Base);
        Assert.Equal(Reveal.Progressive, figure.Look.Reveal);
        Assert.Equal("17.00", figure.Look.Format(17));
        var theme = new Theme(1, figure.Look.Theme);
        Assert.Equal(SKColor.Parse("#45408A"), theme.Input);
        Assert.Equal(SKColor.Parse("#9B2C2A"), theme.Output);
        Assert.Equal(new Theme(1, ThemeSpec.Guide with { Base = ThemeName.SolarizedDark }).Background, theme.Background);
    }

    [Theory]
    [InlineData("solarized-dark")]
    [InlineData("colorblind")]
    [InlineData("print")]
    public void A_theme_paints_the_frames_in_its_colours(string name)
    {
        var figure = Figures.Parse($"figures:\n  - {{name: f, input: 4, kernel: 3, theme: {name}}}\n");
        var theme = new Theme(1, figure.Look.Theme);
        using var renderer = new SceneRenderer(new PreparedFigure(figure).Scene);
        var pixels = new byte[renderer.Info.BytesSize];
        renderer.Render(pixels, 0);
        var colours = Enumerable.Range(0, pixels.Length / 4).Select(i => new SKColor(pixels[4 * i + 2], pixels[4 * i + 1], pixels[4 * i], pixels[4 * i + 3])).ToHashSet();
        Assert.Contains(theme.Background, colours);
        Assert.Contains(theme.Input, colours);
        Assert.Contains(theme.Output, colours);
        Assert.DoesNotContain(new Theme(1, ThemeSpec.Guide).Input, colours);
    }
}
