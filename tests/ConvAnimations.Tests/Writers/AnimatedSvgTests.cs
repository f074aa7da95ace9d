using System.Globalization;
using System.Xml.Linq;
using ConvAnimations.Pipeline;
using ConvAnimations.Rendering;
using ConvAnimations.Tests.Support;
using ConvAnimations.Writers;
using static ConvAnimations.Tests.Support.BrowserPictures;

namespace ConvAnimations.Tests.Writers;

/// <summary>
/// The animated SVG in a real chromium: at the middle of each frame's time it looks as that frame's PNG, and inside an
/// <c>&lt;img&gt;</c>, where no script runs, it plays.
/// </summary>
public sealed class AnimatedSvgTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private readonly BrowserPictures _pictures = new(output);

    [Fact]
    public async Task At_the_middle_of_each_frames_time_it_looks_as_its_png()
    {
        using var dir = new TempDirectory();
        var figures = await Render(dir, Drawn);
        await using var chromium = await HeadlessChromium.StartAsync();
        foreach (var figure in figures)
        {
            var n = figure.Figure.FrameCount;
            var frames = new[] { 0, n / 2, n - 1 }.Distinct().ToList();
            await chromium.NavigateAsync(new Uri(dir.File($"{figure.Name}.animated.svg")).AbsoluteUri);
            foreach (var frame in frames)
            {
                var ms = (frame + 0.5) * figure.Figure.FrameMs;
                await chromium.EvaluateAsync($"(() => {{ for (const a of document.getAnimations()) {{ a.pause(); a.currentTime = {ms.ToString(CultureInfo.InvariantCulture)}; }} return 0; }})()");
                using var expected = PngFrame(figure, frame);
                using var shot = await Shot(await chromium.Page.QuerySelectorAsync("svg"));
                _pictures.AssertSame(expected, shot, $"{figure.Name} animated svg frame {frame}");
            }
        }
        Assert.Empty(chromium.Errors);
    }

    /// <summary>
    /// Inside an &lt;img&gt;, where no script runs, the animated SVG plays: pictures taken while it plays are each one
    /// of its frames, and they change.
    /// </summary>
    [Fact]
    public async Task It_plays_inside_an_img()
    {
        using var dir = new TempDirectory();
        var figure = await Quick(dir);
        File.WriteAllText(dir.File("img.html"), $"""
            <!DOCTYPE html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>img</title></head>
            <body style="margin:0"><img src="quick.animated.svg" alt="{AnimatedSvg.E(figure.Alt())}"></body></html>
            """);
        await using var chromium = await HeadlessChromium.StartAsync();
        await chromium.NavigateAsync(new Uri(dir.File("img.html")).AbsoluteUri);
        Assert.Equal(figure.Size.Width, await chromium.Page.EvaluateExpressionAsync<int>("document.images[0].naturalWidth"));
        var pngs = Enumerable.Range(0, 9).Select(n => PngFrame(figure, n)).ToList();
        var seen = new HashSet<int>();
        var img = await chromium.Page.QuerySelectorAsync("img");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (seen.Count < 3 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            using var shot = await Shot(img);
            var (share, frame) = pngs.Select((p, n) => (IndependentReaders.ShareDiffering(p, shot), n)).Min();
            Assert.True(share <= 0.01, $"a picture of the img is no frame: {share:P2} differ from frame {frame}");
            seen.Add(frame);
            await Task.Delay(70);
        }
        Assert.True(seen.Count >= 3, $"the img showed only frames {string.Join(", ", seen)}");
        foreach (var png in pngs) png.Dispose();
        Assert.Empty(chromium.Errors);
    }

    /// <summary>
    /// Read as XML: its title is the alt text (here given in figures.yaml), its description names the figure, it holds
    /// no script and its ids are unique; librsvg, which plays no animation, draws the first frame.
    /// </summary>
    [Fact]
    public async Task Its_title_is_the_alt_text_it_has_no_script_and_a_still_viewer_shows_the_first_frame()
    {
        using var dir = new TempDirectory();
        const string alt = "A 3×3 kernel <slides> & \"moves\" over the input";
        var figure = Figures.Parse($"figures:\n  - name: t\n    title: Its title\n    alt: '{alt}'\n    formats: [animated_svg]\n    kind: transposed\n    input: 5\n    kernel: 3\n    stride: 2\n").Prepared();
        Assert.Equal(FigureOutcome.Rendered, Assert.Single(await RenderPipeline.RunAsync([figure], new RenderOptions(dir.Path))).Outcome);
        var path = dir.File("t.animated.svg");
        var svg = XDocument.Load(path).Root!;
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(alt, svg.Element(ns + "title")!.Value);
        Assert.Contains("Its title", svg.Element(ns + "desc")!.Value);
        Assert.Empty(svg.Descendants(ns + "script"));
        var ids = svg.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>().ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        using var first = PngFrame(figure, 0);
        using var still = IndependentReaders.RasterizeSvg(path, first.Width, first.Height);
        _pictures.AssertSame(first, still, "librsvg's picture of the animated svg");
    }
}
