using System.Text.Json;
using ConvAnimations.Encoding;
using ConvAnimations.Preparation;
using ConvAnimations.Rendering;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Cli;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;

namespace ConvAnimations.Tests.Pipeline;

/// <summary>play: chooses the frames an animation shows, and every view, format and command shows those.</summary>
public sealed class PlayTests
{
    private static Figure Parse(string figure) => Figures.Parse($"figures:\n  - {figure}\n");

    private static JsonElement Json(Figure figure) => JsonDocument.Parse(new PreparedFigure(figure).Json()).RootElement;

    [Theory]
    [InlineData("first_row", new[] { 0, 1, 2, 3 })]
    [InlineData("{every: 4}", new[] { 0, 4, 8, 12 })]
    [InlineData("{every: 1}", new[] { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15 })]
    [InlineData("[0, 1, \"8-10\", 15]", new[] { 0, 1, 8, 9, 10, 15 })]
    [InlineData("[\"3 - 5\"]", new[] { 3, 4, 5 })]
    public void Play_chooses_the_frames_and_explain_json_shows_those(string play, int[] frames)
    {
        var figure = Parse($"{{name: f, input: 6, kernel: 3, play: {play}}}");
        Assert.Equal(frames.Length, figure.FrameCount);
        Assert.Equal(frames, figure.Play!.Frames);
        var json = Json(figure);
        // The frames shown, each the output cell it computes (row-major over the 4x4 output).
        Assert.Equal(frames.Select(n => $"[{n / 4},{n % 4}]"), json.GetProperty("frames").EnumerateArray().Select(f => f.GetProperty("output").GetRawText().Replace(" ", "")));
        Assert.Equal(16, json.GetProperty("play").GetProperty("of").GetInt32());
        Assert.Equal(frames.Length, new PreparedFigure(figure).Scene.Frames.Count);
        Assert.Contains($"{frames.Length} of 16 frames", new PreparedFigure(figure).Describe());
    }

    [Fact]
    public void The_shown_frames_are_the_full_animations_frames_pixel_for_pixel()
    {
        var full = Parse("{name: f, input: 6, kernel: 3, stride: 1, padding: 1, labels: full}");
        var played = full with { Play = new Play("[1, 5]", [1, 5], 36) };
        using var a = new SceneRenderer(new PreparedFigure(full).Scene);
        using var b = new SceneRenderer(new PreparedFigure(played).Scene);
        Assert.Equal(2, b.FrameCount);
        foreach (var (shown, of) in new[] { (0, 1), (1, 5) })
        {
            var (x, y) = (new byte[a.Info.BytesSize], new byte[b.Info.BytesSize]);
            a.Render(x, of);
            b.Render(y, shown);
            Assert.True(x.AsSpan().SequenceEqual(y), $"frame {shown} is not frame {of}");
        }
    }

    [Fact]
    public void First_row_takes_the_first_row_of_every_output_map_and_one_frame_of_a_diagram()
    {
        var maps = Parse("{name: f, input: 5, kernel: 3, in_channels: 2, out_channels: 3, play: first_row}");
        Assert.Equal([0, 1, 2, 9, 10, 11, 18, 19, 20], maps.Play!.Frames);
        Assert.Equal(9, JsonDocument.Parse(new PreparedFigure(maps).Json()).RootElement.GetProperty("frames").GetArrayLength());
        Assert.Equal([0], Parse("{name: h, view: hops, input: 5, kernel: 3, play: first_row}").Play!.Frames);
        var matrix = Parse("{name: m, view: matrix, input: 4, kernel: 3, play: first_row}");
        Assert.Equal(2, JsonDocument.Parse(new PreparedFigure(matrix).Json()).RootElement.GetProperty("frames").GetArrayLength());
    }

    [Fact]
    public void Every_figure_of_figures_yaml_shows_the_frames_it_is_given_in_its_json_and_scene()
    {
        foreach (var figure in ViewTable.Default.Read(Repo.FiguresFile).Figures)
        {
            var all = figure.FrameCount;
            var frames = Enumerable.Range(0, all).Where(n => n % 3 == 0).ToList();
            var played = new PreparedFigure(figure with { Play = new Play("{every: 3}", frames, all), Panels = null });
            Assert.Equal(frames.Count, played.Figure.FrameCount);
            Assert.Equal(frames.Count, played.Scene.Frames.Count);
            var json = JsonDocument.Parse(played.Json()).RootElement;
            if (json.TryGetProperty("frames", out var shown)) Assert.Equal(frames.Count, shown.GetArrayLength());
            else Assert.Equal(frames.Count, json.GetProperty("frame_count").GetInt32());
        }
    }

    [Fact]
    public void A_sequence_plays_its_parts_chosen_frames_and_its_own_choice()
    {
        var file = ViewTable.Default.Parse("""
            figures:
              - {name: a, input: 4, kernel: 3}
              - {name: b, input: 5, kernel: 3, play: first_row}
              - {name: both, sequence: [a, b]}
              - {name: some, sequence: [a, b], play: [1, "3-5"]}
              - {name: rows, beside: [a, b], play: first_row}
            """, "test.yaml");
        Assert.True(file.IsValid, string.Join("\n", file.Errors));
        var both = new PreparedFigure(file.Figures.Single(f => f.Name == "both"));
        Assert.Equal(4 + 3, both.Figure.FrameCount);
        Assert.Equal(7, both.Scene.Frames.Count);
        var some = new PreparedFigure(file.Figures.Single(f => f.Name == "some"));
        Assert.Equal(4, some.Scene.Frames.Count);
        // Frames 1 and 3 are part a's (its frames 0-3 of 0-6), frames 4 and 5 part b's: shown as 0, 1 and 2, 3.
        Assert.All(some.Scene.Planes.Take(2), p => Assert.True(p.VisibleOn(0) && p.VisibleOn(1) && !p.VisibleOn(2)));
        Assert.All(some.Scene.Planes.Skip(2), p => Assert.True(!p.VisibleOn(1) && p.VisibleOn(2) && p.VisibleOn(3)));
        // Side by side: the longest first row of the parts (b's three frames, which are its first row).
        Assert.Equal([0, 1, 2], file.Figures.Single(f => f.Name == "rows").Play!.Frames);
    }

    public static TheoryData<string, int, int, string> Bad => new()
    {
        { "play: 1st_row", 5, 11, "play: '1st_row' is not a way to choose frames: use a list of frames and ranges such as [0, 1, 2, \"8-15\"], {every: 4}, or first_row (did you mean 'first_row'?)" },
        { "play: [0, 16]", 5, 15, "play: 16 is not a frame of this figure, which has frames 0 to 15" },
        { "play: [0, \"14-20\"]", 5, 15, "play: \"14-20\" is not within the frames of this figure, which has frames 0 to 15" },
        { "play: [4, 2]", 5, 15, "play: 2 comes after frame 4: list the frames in increasing order, each once" },
        { "play: [\"0-3\", 3]", 5, 19, "play: 3 comes after frame 3" },
        { "play: [\"5-2\"]", 5, 12, "play: \"5-2\" runs backwards" },
        { "play: [one]", 5, 12, "play: expected a frame number or a range such as \"8-15\", got 'one'" },
        { "play: [-1]", 5, 12, "play: -1 is not a frame: frames are numbered from 0" },
        { "play: {every: 0}", 5, 19, "play.every: 0 is not allowed" },
        { "play: {each: 2}", 5, 12, "unknown key 'each' in play" },
        { "play: []", 5, 11, "play: expected a list of frames" },
    };

    [Theory]
    [MemberData(nameof(Bad))]
    public void Wrong_choices_are_reported_where_they_are_written(string play, int line, int column, string message)
    {
        var file = ViewTable.Default.Parse($"figures:\n  - name: f\n    input: 6\n    kernel: 3\n    {play}\n", "test.yaml");
        var error = Assert.Single(file.Errors);
        Assert.Contains(message, error.Message);
        Assert.Equal((line, column), (error.Location.Line, error.Location.Column));
    }

    [Fact]
    public void Panels_number_the_frames_shown()
    {
        var figure = Parse("{name: f, input: 6, kernel: 3, play: {every: 4}, panels: {frames: [0, 3]}}");
        Assert.Equal([0, 3], figure.Panels!.Frames);
        var file = ViewTable.Default.Parse("figures:\n  - {name: f, input: 6, kernel: 3, play: {every: 4}, panels: {frames: [4]}}\n", "test.yaml");
        Assert.Contains("panels.frames: 4 is not a frame of this figure, which has frames 0 to 3", Assert.Single(file.Errors).Message);
    }

    [Fact]
    public void List_counts_the_frames_shown_and_the_long_figure_warning_names_play()
    {
        using var dir = new TempDirectory();
        var path = dir.File("figures.yaml");
        File.WriteAllText(path, "figures:\n  - {name: big, input: 64, kernel: 3, play: first_row}\n  - {name: slow, input: 64, kernel: 3}\n");
        var list = InProcess.Convanim("list", path);
        Assert.Equal(0, list.ExitCode);
        Assert.Matches(@"big\s.*\s62 of 3844", list.Stdout);
        var warning = Assert.Single(FigureLoader.Load(path).Warnings);
        Assert.Contains("figure 'slow'", warning);
        Assert.Contains("show fewer frames with play: (first_row, {every: N}", warning);
    }

    [Fact]
    public void A_64x64_input_with_play_first_row_renders_its_62_frames()
    {
        using var dir = new TempDirectory();
        var path = dir.File("figures.yaml");
        File.WriteAllText(path, "figures:\n  - {name: big, input: 64, kernel: 3, formats: [gif], play: first_row}\n");
        var result = InProcess.Convanim("render", path, "--out", dir.File("out"));
        Assert.True(result.ExitCode == 0, result.Stderr);
        var gif = GifFile.Read(dir.File("out/big.gif"));
        Assert.Equal(62, gif.FrameCount);
    }
}
