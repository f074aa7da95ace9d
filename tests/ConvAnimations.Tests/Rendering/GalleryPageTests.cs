using System.Text.Json;
using ConvAnimations.Pipeline;
using ConvAnimations.Spec;
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
            players: [...document.querySelectorAll('iframe.player')].map(p => ({ src: p.getAttribute('src'), title: p.title })),
            images: [...document.images].map(i => ({ src: i.src, alt: i.alt, loaded: i.complete && i.naturalWidth > 0, width: i.naturalWidth })),
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

    /// <summary>
    /// Figures with the player and the animated SVG show both (the player in a frame, the alt text on each); a figure
    /// with neither its GIF and its MP4 as a video; every figure its panels and links to its files.
    /// </summary>
    [Fact]
    public async Task Every_figure_plays_its_player_and_animated_svg_or_its_gif_and_mp4_shows_its_panels_and_links_its_files()
    {
        using var dir = new TempDirectory();
        string[] names = ["padding_strides_odd_transposed", "dilation", "numerical_padding_strides"];
        // As figures.yaml has them (with the player and the animated SVG), but for one with its GIF and MP4 alone.
        var figures = names.Select(Repo.Figure).Select(f => f.Name == "dilation" ? f with { Formats = [OutputFormat.Gif, OutputFormat.Mp4, OutputFormat.Pdf] } : f).ToList();
        var results = await RenderPipeline.RunAsync(figures.Prepared(), new RenderOptions(dir.Path));
        Assert.All(results, r => Assert.Equal(FigureOutcome.Rendered, r.Outcome));
        var page = Gallery.Write(dir.Path, "figures.yaml", figures)!;

        await using var chromium = await HeadlessChromium.StartAsync();
        await chromium.NavigateAsync(new Uri(page).AbsoluteUri);
        var state = await chromium.EvaluateAsync(MediaState);

        Assert.Equal(3, state.GetProperty("figures").GetInt32());
        // Two players, each named by its figure's alt text, playing, and held by its frame without scrolling.
        var players = state.GetProperty("players").EnumerateArray().ToList();
        Assert.Equal(["padding_strides_odd_transposed.html", "numerical_padding_strides.html"], players.Select(p => p.GetProperty("src").GetString()));
        var frames = await chromium.Page.QuerySelectorAllAsync("iframe.player");
        foreach (var ((player, element), figure) in players.Zip(frames).Zip(new[] { figures[0], figures[2] }))
        {
            var alt = figure.Prepared().Alt();
            Assert.Equal(alt, player.GetProperty("title").GetString());
            // Loaded when near the view (loading="lazy").
            await element.EvaluateFunctionAsync("e => e.scrollIntoView()");
            var frame = await element.ContentFrameAsync();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!await frame.EvaluateExpressionAsync<bool>("!!document.querySelector('figure .num')")) Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"{figure.Name}'s player did not load");
            Assert.Equal(alt, await frame.EvaluateExpressionAsync<string>("document.querySelector('figure').getAttribute('aria-label')"));
            var fit = await frame.EvaluateExpressionAsync<JsonElement>("({ h: document.documentElement.scrollHeight, ih: innerHeight, w: document.documentElement.scrollWidth, iw: innerWidth })");
            Assert.True(fit.GetProperty("h").GetInt32() <= fit.GetProperty("ih").GetInt32() && fit.GetProperty("w").GetInt32() <= fit.GetProperty("iw").GetInt32(),
                $"{figure.Name}'s player does not fit its frame: {fit}");
        }
        // Each figure: its animated SVG (or its GIF) and its panels (the SVG; the PDF is linked), with its alt text.
        var images = state.GetProperty("images").EnumerateArray().ToList();
        Assert.Equal(6, images.Count);
        Assert.All(images, i => Assert.True(i.GetProperty("loaded").GetBoolean(), $"image did not load: {i}"));
        Assert.Equal(3, images.Count(i => i.GetProperty("src").GetString()!.EndsWith(".panels.svg", StringComparison.Ordinal)));
        Assert.Equal(2, images.Count(i => i.GetProperty("src").GetString()!.EndsWith(".animated.svg", StringComparison.Ordinal)));
        Assert.Equal(1, images.Count(i => i.GetProperty("src").GetString()!.EndsWith("dilation.gif", StringComparison.Ordinal)));
        Assert.All(images, i => Assert.StartsWith(figures.Single(f => i.GetProperty("src").GetString()!.Contains($"/{f.Name}.", StringComparison.Ordinal)).Prepared().Alt(), i.GetProperty("alt").GetString()));
        var links = state.GetProperty("links").EnumerateArray().Select(l => l.GetString()!).ToList();
        foreach (var name in names)
        {
            Assert.Contains($"{name}.panels.pdf", links);
            Assert.Contains($"{name}/", links);
            Assert.Contains($"{name}.gif", links);
            Assert.True(Directory.Exists(dir.File(name)) && File.Exists(dir.File($"{name}.panels.pdf")));
        }
        Assert.Contains("numerical_padding_strides.html", links);
        Assert.Contains("numerical_padding_strides.animated.svg", links);
        var videos = state.GetProperty("videos").EnumerateArray().ToList();
        Assert.Single(videos);
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
