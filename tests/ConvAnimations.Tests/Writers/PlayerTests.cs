using System.Globalization;
using System.Text.Json;
using ConvAnimations.Pipeline;
using ConvAnimations.Preparation;
using ConvAnimations.Rendering;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Writers;
using PuppeteerSharp;
using SkiaSharp;

namespace ConvAnimations.Tests.Writers;

/// <summary>
/// The interactive player (html) and the animated SVG in a real chromium: their frames against the PNG frames, the
/// keyboard, the linked cells against <c>explain --json</c>'s taps, reduced motion, no request of any kind, the player
/// in a frame and pasted into another page, the animated SVG inside an <c>&lt;img&gt;</c>.
/// </summary>
public sealed class PlayerTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>Every view: the kernel (isometric, numbers, labels and a legend in the dark theme), channels, the matrix, a sequence, a diagram.</summary>
    private static readonly string[] Drawn =
    [
        "dilation", "numerical_padding_strides", "padding_strides_odd_transposed_labelled", "depthwise", "no_padding_no_strides_matrix",
        "convolution_then_transposed", "strides_as_subsampling",
    ];

    /// <summary>The figures rendered as the player and the animated SVG, in a folder of their own.</summary>
    private static async Task<IReadOnlyList<PreparedFigure>> Render(TempDirectory dir, params string[] names)
    {
        var figures = names.Select(n => Repo.Figure(n) with { Formats = [OutputFormat.Html, OutputFormat.AnimatedSvg], Panels = null }).Prepared();
        var results = await RenderPipeline.RunAsync(figures, new RenderOptions(dir.Path));
        Assert.All(results, r => Assert.True(r.Outcome == FigureOutcome.Rendered, r.Error));
        return figures;
    }

    /// <summary>Frame <paramref name="frame"/> as the PNG writer draws it, as RGBA.</summary>
    private static SKBitmap PngFrame(PreparedFigure figure, int frame)
    {
        using var renderer = new SceneRenderer(figure.Scene);
        using var png = new MemoryStream();
        StillFormat.Png.WriteFrame(png, renderer, frame);
        using var decoded = SKBitmap.Decode(png.ToArray());
        return decoded.Copy(SKColorType.Rgba8888);
    }

    private static async Task<SKBitmap> Shot(IElementHandle element)
    {
        using var decoded = SKBitmap.Decode(await element.ScreenshotDataAsync());
        return decoded.Copy(SKColorType.Rgba8888);
    }

    private void AssertSame(SKBitmap expected, SKBitmap actual, string what)
    {
        Assert.True((expected.Width, expected.Height) == (actual.Width, actual.Height), $"{what}: {actual.Width}x{actual.Height}, expected {expected.Width}x{expected.Height}");
        var share = IndependentReaders.ShareDiffering(expected, actual);
        output.WriteLine($"{what}: {share:P3} differ by more than 64, {IndependentReaders.ShareDiffering(expected, actual, 16):P3} by more than 16");
        if (share > 0.01)
        {
            Directory.CreateDirectory(Path.Combine(Repo.Root, "TestResults"));
            var name = string.Concat(what.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_'));
            File.WriteAllBytes(Path.Combine(Repo.Root, "TestResults", $"{name}.actual.png"), actual.Encode(SKEncodedImageFormat.Png, 100).ToArray());
            File.WriteAllBytes(Path.Combine(Repo.Root, "TestResults", $"{name}.expected.png"), expected.Encode(SKEncodedImageFormat.Png, 100).ToArray());
        }
        Assert.True(share <= 0.01, $"{what}: {share:P2} of pixels differ by more than 64");
    }

    private static string Text(JsonElement e) => e.GetString() ?? "";

    [Fact]
    public async Task Each_frame_of_the_player_and_of_the_animated_svg_looks_as_its_png_and_the_keys_step_it()
    {
        using var dir = new TempDirectory();
        var figures = await Render(dir, Drawn);
        await using var chromium = await HeadlessChromium.StartAsync();
        foreach (var figure in figures)
        {
            var n = figure.Figure.FrameCount;
            var frames = new[] { 0, n / 2, n - 1 }.Distinct().ToList();

            await chromium.NavigateAsync(new Uri(dir.File($"{figure.Name}.html")).AbsoluteUri);
            await chromium.Page.FocusAsync("figure");
            await chromium.Page.Keyboard.PressAsync("Home");
            var at = 0;
            foreach (var frame in frames)
            {
                for (; at < frame; at++) await chromium.Page.Keyboard.PressAsync("ArrowRight");
                Assert.Equal($"{frame + 1} / {n}", Text(await chromium.EvaluateAsync("document.querySelector('.num').textContent")));
                using var expected = PngFrame(figure, frame);
                using var shot = await Shot(await chromium.Page.QuerySelectorAsync("figure svg"));
                AssertSame(expected, shot, $"{figure.Name} player frame {frame}");
            }
            // End, Left from the last, and Right around to the first.
            await chromium.Page.Keyboard.PressAsync("End");
            Assert.Equal($"{n} / {n}", Text(await chromium.EvaluateAsync("document.querySelector('.num').textContent")));
            await chromium.Page.Keyboard.PressAsync("ArrowRight");
            Assert.Equal($"1 / {n}", Text(await chromium.EvaluateAsync("document.querySelector('.num').textContent")));
            await chromium.Page.Keyboard.PressAsync("ArrowLeft");
            Assert.Equal($"{n} / {n}", Text(await chromium.EvaluateAsync("document.querySelector('.num').textContent")));
            // Space plays and pauses.
            Assert.Equal("Play", Text(await chromium.EvaluateAsync("document.querySelector('.play').getAttribute('aria-label')")));
            await chromium.Page.Keyboard.PressAsync(" ");
            Assert.Equal(n > 1 ? "Pause" : "Play", Text(await chromium.EvaluateAsync("document.querySelector('.play').getAttribute('aria-label')")));
            await chromium.Page.Keyboard.PressAsync(" ");

            // The animated SVG at the middle of each frame's time.
            await chromium.NavigateAsync(new Uri(dir.File($"{figure.Name}.animated.svg")).AbsoluteUri);
            foreach (var frame in frames)
            {
                var ms = (frame + 0.5) * figure.Figure.FrameMs;
                await chromium.EvaluateAsync($"(() => {{ for (const a of document.getAnimations()) {{ a.pause(); a.currentTime = {ms.ToString(CultureInfo.InvariantCulture)}; }} return 0; }})()");
                using var expected = PngFrame(figure, frame);
                using var shot = await Shot(await chromium.Page.QuerySelectorAsync("svg"));
                AssertSame(expected, shot, $"{figure.Name} animated svg frame {frame}");
            }
        }
        Assert.Empty(chromium.Errors);
    }
}
