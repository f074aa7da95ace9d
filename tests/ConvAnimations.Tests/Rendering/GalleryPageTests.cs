using System.Text.Json;
using ConvAnimations.Pipeline;
using ConvAnimations.Tests.Support;

namespace ConvAnimations.Tests.Rendering;

/// <summary>The gallery page in a real headless browser, straight from the file system.</summary>
public sealed class GalleryPageTests
{
    private const string MediaState = """
        (async () => {
          const videos = [...document.querySelectorAll('video')];
          await Promise.all(videos.map(v => v.readyState >= 2 || v.error ? 0 : new Promise(done => {
            v.addEventListener('loadeddata', done); v.addEventListener('error', done); setTimeout(done, 15000);
          })));
          await new Promise(done => setTimeout(done, 300));
          return {
            figures: document.querySelectorAll('figure').length,
            images: [...document.images].map(i => ({ src: i.src, loaded: i.complete && i.naturalWidth > 0, width: i.naturalWidth })),
            links: [...document.querySelectorAll('.files a')].map(a => a.getAttribute('href')),
            videos: videos.map(v => ({ src: v.src, ready: v.readyState, error: v.error ? v.error.code : 0, width: v.videoWidth, playing: !v.paused })),
            formulas: [...document.querySelectorAll('.formula')].map(f => f.textContent),
          };
        })()
        """;

    [Fact]
    public async Task A_one_frame_diagram_links_its_frame_in_the_singular()
    {
        using var dir = new TempDirectory();
        var figure = Repo.Figure("counting_positions");
        Assert.Equal(FigureOutcome.Rendered, Assert.Single(await RenderPipeline.RunAsync([figure.Prepared()], new RenderOptions(dir.Path))).Outcome);
        var page = File.ReadAllText(Gallery.Write(dir.Path, "figures.yaml", [figure])!);
        foreach (var format in new[] { "png", "svg", "pdf" }) Assert.Contains($">1 frame ({format})<", page);
        Assert.DoesNotContain("1 frames", page);
    }

    [Fact]
    public async Task Every_figure_shows_its_gif_and_panels_plays_its_mp4_and_links_its_files_without_errors()
    {
        using var dir = new TempDirectory();
        string[] names = ["padding_strides_odd_transposed", "dilation", "numerical_padding_strides"];
        var figures = names.Select(Repo.Figure).ToList();
        var results = await RenderPipeline.RunAsync(figures.Prepared(), new RenderOptions(dir.Path));
        Assert.All(results, r => Assert.Equal(FigureOutcome.Rendered, r.Outcome));
        var page = Gallery.Write(dir.Path, "figures.yaml", figures)!;

        await using var chromium = await HeadlessChromium.StartAsync();
        await chromium.NavigateAsync(new Uri(page).AbsoluteUri);
        var state = await chromium.EvaluateAsync(MediaState);

        Assert.Equal(3, state.GetProperty("figures").GetInt32());
        // Each figure: its GIF and its panels (the SVG; the PDF is linked).
        var images = state.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(6, images.Count);
        Assert.All(images, i => Assert.True(i.GetProperty("loaded").GetBoolean(), $"image did not load: {i}"));
        Assert.Equal(3, images.Count(i => i.GetProperty("src").GetString()!.EndsWith(".panels.svg", StringComparison.Ordinal)));
        var links = state.GetProperty("links").EnumerateArray().Select(l => l.GetString()!).ToList();
        foreach (var name in names)
        {
            Assert.Contains($"{name}.panels.pdf", links);
            Assert.Contains($"{name}/", links);
            Assert.True(Directory.Exists(dir.File(name)) && File.Exists(dir.File($"{name}.panels.pdf")));
        }
        var videos = state.GetProperty("videos").EnumerateArray().ToList();
        Assert.Equal(3, videos.Count);
        foreach (var video in videos)
        {
            Assert.True(video.GetProperty("error").GetInt32() == 0 && video.GetProperty("ready").GetInt32() >= 2 && video.GetProperty("width").GetInt32() > 0, $"video did not load: {video}");
            Assert.True(video.GetProperty("playing").GetBoolean(), $"video is not playing: {video}");
        }
        Assert.Contains(state.GetProperty("formulas").EnumerateArray(), f => f.GetString() == "o' = s(i' - 1) + a + d(k-1) + 1 - 2p = 2*2 + 1 + 2 + 1 - 2 = 6");
        Assert.Empty(chromium.Errors);

        // For a person to look at: TestResults/gallery.png.
        var screenshot = await chromium.ScreenshotAsync();
        Directory.CreateDirectory(Path.Combine(Repo.Root, "TestResults"));
        await File.WriteAllBytesAsync(Path.Combine(Repo.Root, "TestResults", "gallery.png"), screenshot);

        // The checks above are only worth something if a broken page fails them (same browser: one launch less).
        File.WriteAllText(dir.File("broken.html"), "<!DOCTYPE html><html><body><img src=\"missing.gif\"></body></html>");
        await chromium.NavigateAsync(new Uri(dir.File("broken.html")).AbsoluteUri);
        var broken = await chromium.EvaluateAsync(MediaState);
        Assert.False(broken.GetProperty("images")[0].GetProperty("loaded").GetBoolean());
        Assert.NotEmpty(chromium.Errors);
    }
}
