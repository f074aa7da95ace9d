using System.Text.Json;
using ConvAnimations.Pipeline;
using ConvAnimations.Preparation;
using ConvAnimations.Rendering;
using ConvAnimations.Spec;
using ConvAnimations.Writers;
using PuppeteerSharp;
using SkiaSharp;
using Xunit.Abstractions;

namespace ConvAnimations.Tests.Support;

/// <summary>
/// What the browser tests of the player and the animated SVG share: figures rendered in those formats, PNG frames to
/// compare with, pictures of elements and the comparison (at most 1% of pixels differing by more than 64).
/// </summary>
public sealed class BrowserPictures(ITestOutputHelper output)
{
    /// <summary>
    /// Every view: the kernel (isometric, numbers, labels and a legend in the dark theme, inserted zeros), channels, the
    /// matrix, a sequence, a diagram, the stacks of layers (flat rows of units and slanted planes), the blocks, the
    /// connectivity (units and edges, a fully connected layer beside) and the scatter.
    /// </summary>
    public static readonly string[] Drawn =
    [
        "dilation", "numerical_padding_strides", "padding_strides_odd_transposed_labelled", "depthwise", "no_padding_no_strides_matrix",
        "convolution_then_transposed", "strides_as_subsampling", "wavenet", "encoder_decoder", "lenet_features",
        "nn_vs_cnn", "why_insert_zeros", "transposed_scatter",
    ];

    /// <summary>The figures rendered as the player and the animated SVG, in a folder of their own.</summary>
    public static async Task<IReadOnlyList<PreparedFigure>> Render(TempDirectory dir, params string[] names)
    {
        var figures = names.Select(n => Repo.Figure(n) with { Formats = [OutputFormat.Html, OutputFormat.AnimatedSvg], Panels = null }).Prepared();
        var results = await RenderPipeline.RunAsync(figures, new RenderOptions(dir.Path));
        Assert.All(results, r => Assert.True(r.Outcome == FigureOutcome.Rendered, r.Error));
        return figures;
    }

    /// <summary>Frame <paramref name="frame"/> as the PNG writer draws it, as RGBA.</summary>
    public static SKBitmap PngFrame(PreparedFigure figure, int frame)
    {
        using var renderer = new SceneRenderer(figure.Scene);
        using var png = new MemoryStream();
        StillFormat.Png.WriteFrame(png, renderer, frame);
        using var decoded = SKBitmap.Decode(png.ToArray());
        return decoded.Copy(SKColorType.Rgba8888);
    }

    public static async Task<SKBitmap> Shot(IElementHandle element)
    {
        using var decoded = SKBitmap.Decode(await element.ScreenshotDataAsync());
        return decoded.Copy(SKColorType.Rgba8888);
    }

    public void AssertSame(SKBitmap expected, SKBitmap actual, string what)
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

    public static string Text(JsonElement e) => e.GetString() ?? "";

    /// <summary>A small figure of 9 quick frames, written as the player and the animated SVG.</summary>
    public static async Task<PreparedFigure> Quick(TempDirectory dir, string name = "quick", string body = "input: 5\n    kernel: 3")
    {
        var figure = Figures.Parse($"figures:\n  - name: {name}\n    frame_ms: 200\n    formats: [html, animated_svg]\n    {body}\n").Prepared();
        Assert.All(await RenderPipeline.RunAsync([figure], new RenderOptions(dir.Path)), r => Assert.True(r.Outcome == FigureOutcome.Rendered, r.Error));
        return figure;
    }

    public static async Task<string> Until(Func<Task<JsonElement>> read, Func<string, bool> done, string what)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var value = Text(await read());
            if (done(value)) return value;
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10), $"{what}: still {value}");
            await Task.Delay(50);
        }
    }

}
