using ConvAnimations.Layout;
using ConvAnimations.Pipeline;
using ConvAnimations.Preparation;
using ConvAnimations.Rendering;
using ConvAnimations.Scenes;
using ConvAnimations.Snapshots;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;
using SkiaSharp;

namespace ConvAnimations.Tests.Pipeline;

/// <summary>One budget decides what a figure may be; what it accepts, every command can draw.</summary>
public sealed class BudgetTests
{
    private static Figure Parse(string figure) => Figures.Parse($"figures:\n  - {figure}\n");

    [Theory]
    [InlineData("{name: huge, input: 102, kernel: 3, scale: 8}", "41260x51784")]
    [InlineData("{name: wide, input: 64, kernel: 63, scale: 8}", "26014x17706")]
    public void Frames_too_large_for_the_writers_are_refused_at_the_figure_with_a_scale_that_fits(string yaml, string size)
    {
        var figure = Parse(yaml);
        var issue = Assert.Single(Budget.Check([figure.Prepared()]));
        Assert.True(issue.IsError);
        Assert.StartsWith($"test.yaml:2:5: error: figure '{figure.Name}': its frames would be {size} px at scale 8", issue.ToString());

        var suggested = double.Parse(System.Text.RegularExpressions.Regex.Match(issue.Message, @"scale of at most ([0-9.]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var smaller = figure with { Scale = suggested };
        Assert.DoesNotContain(Budget.Check([smaller.Prepared()]), i => i.IsError);
        // What the budget accepts can be drawn: the largest frame it allows.
        using var renderer = new SceneRenderer(new PreparedFigure(smaller).Scene);
        using var bitmap = new SKBitmap(renderer.Info);
        using var canvas = new SKCanvas(bitmap);
        renderer.DrawRaster(canvas, 0);
    }

    [Fact]
    public void Panels_too_large_are_refused_though_their_frames_fit()
    {
        var figure = Parse("{name: p, input: 24, kernel: 3, scale: 2, panels: {frames: [0, 1, 2, 3, 4, 5, 6, 7], columns: 8, formats: [png]}}");
        var issue = Assert.Single(Budget.Check([figure.Prepared()]));
        Assert.True(issue.IsError);
        Assert.Contains("its panels would be", issue.Message);
    }

    [Fact]
    public void A_figure_that_takes_long_is_warned_about_with_the_estimate_and_how_to_shrink_it()
    {
        var issue = Assert.Single(Budget.Check([Parse("{name: slow, input: 64, kernel: 3}").Prepared()]));
        Assert.False(issue.IsError);
        Assert.Matches(@"^test\.yaml:2:5: warning: figure 'slow': it will take long: about \d+ min of CPU time \(3844 frames of \d+x\d+ px, 2 formats\)", issue.ToString());
        Assert.Contains("lower its scale (scale: 0.", issue.Message);
        Assert.Contains("raise its stride", issue.Message);
        Assert.Contains("--only", issue.Message);
        Assert.Empty(Budget.Check([Parse("{name: quick, input: 64, kernel: 3, stride: 2, scale: 0.25}").Prepared()]));
    }

    /// <summary>
    /// Feature maps stacked in front of each other: each mark behind a map is clipped by it, which costs far more than
    /// the pixels (this one took 500 s of CPU where its pixels estimate 8 s). So does a sequence that plays it. Both are
    /// warned about, with the reason and what helps.
    /// </summary>
    [Theory]
    [InlineData("{name: maps, input: 12, kernel: 3, in_channels: 16, out_channels: 16, scale: 0.5}")]
    [InlineData("{name: maps, sequence: [plain, stacked], scale: 0.5}\n  - {name: plain, input: 32, kernel: 3}\n  - {name: stacked, input: 12, kernel: 3, in_channels: 16, out_channels: 16}")]
    public void Stacked_feature_maps_that_take_long_are_warned_about(string yaml)
    {
        var file = ViewTable.Default.Parse($"figures:\n  - {yaml}\n", "test.yaml");
        Assert.True(file.IsValid, string.Join("\n", file.Errors));
        var figure = file.Figures.Single(f => f.Name == "maps");
        var cost = Budget.Measure(figure.Prepared());
        Assert.True(cost.Clips > 100, $"{cost.Clips} clips a frame");
        var pixels = Budget.SecondsPerMegapixel * cost.FramePixels / 1e6 * cost.Frames * figure.Formats.Count;
        Assert.True(pixels < Budget.LongRender.TotalSeconds, $"the pixels alone estimate {pixels:0} s");
        var issue = Assert.Single(Budget.Check([figure.Prepared()]), i => i.Figure == "maps");
        Assert.False(issue.IsError);
        Assert.Matches(@"it will take long: about \d+ min of CPU time \(\d+ frames of \d+x\d+ px, 2 formats\) \(most of it clipping marks behind stacked maps: \d+ clips a frame\)", issue.Message);
        Assert.Contains("draw fewer feature maps", issue.Message);
    }

    /// <summary>The clips the budget counts are those the renderer makes: none for one map in and one out, more with every map stacked in front.</summary>
    [Fact]
    public void The_clips_counted_grow_with_the_maps_stacked()
    {
        double Clips(int maps) => Budget.Measure(Parse($"{{name: m, input: 8, kernel: 3, in_channels: {maps}, out_channels: 2}}").Prepared()).Clips;
        Assert.Equal(0, Budget.Measure(Parse("{name: m, input: 8, kernel: 3}").Prepared()).Clips);
        Assert.True(Clips(2) < Clips(4) && Clips(4) < Clips(8) && Clips(8) < Clips(16), $"{Clips(2)} {Clips(4)} {Clips(8)} {Clips(16)}");
    }

    [Fact]
    public void The_guide_figures_are_well_within_the_budget() =>
        Assert.Empty(Budget.Check(ViewTable.Default.Read(Repo.FiguresFile).Figures.Prepared()));

    [Theory]
    [InlineData("{name: s, input: 32, kernel: 3}")]
    [InlineData("{name: s, input: 100, kernel: 3, stride: 1}")]
    [InlineData("{name: s, input: 40, kernel: 3, values: {seed: 1}}")]
    public void A_contact_sheet_of_many_frames_is_drawn_smaller_to_stay_within_the_budget(string yaml)
    {
        var scene = SnapshotStore.Reduced(Parse(yaml).Prepared());
        var sheet = ContactSheet.SizeOf(scene.Frames.Count, SceneRenderer.SizeOf(scene));
        Assert.InRange(sheet.Width, 1, Budget.MaxSide);
        Assert.InRange(sheet.Height, 1, Budget.MaxSide);
        Assert.InRange((long)sheet.Width * sheet.Height, 1, Budget.MaxPixels);
    }

    [Fact]
    public void Validate_reports_budget_errors_located_and_every_command_refuses_before_work()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("f.yaml"), "figures:\n  - {name: ok, input: 4, kernel: 3}\n  - {name: huge, input: 102, kernel: 3, scale: 8}\n");
        var validate = Processes.Convanim(dir.Path, "validate", "f.yaml");
        Assert.Equal(1, validate.ExitCode);
        Assert.Contains("f.yaml:3:5: error: figure 'huge': its frames would be 41260x51784 px", validate.Stderr);
        var render = Processes.Convanim(dir.Path, "render", "f.yaml", "--out", "out");
        Assert.Equal(1, render.ExitCode);
        Assert.False(Directory.Exists(dir.File("out")));
    }
}
