using System.Globalization;
using ConvAnimations.Encoding;
using ConvAnimations.Rendering;
using ConvAnimations.Spec;
using SkiaSharp;

namespace ConvAnimations.Preparation;

/// <summary>What one figure costs to draw: its frames' size in pixels after <c>scale</c>, its panels' size, its frames.</summary>
/// <param name="Marks">The marks a frame draws, on average (see <see cref="Budget.Measure"/>).</param>
/// <param name="Clips">The anti-aliased clips a frame's marks need, on average: one for each plane in front that a mark reaches under.</param>
public sealed record FigureCost(Figure Figure, SKSizeI Frame, SKSizeI? Panels, double Marks = 0, double Clips = 0)
{
    /// <summary>A prepared figure's sizes, known without drawing (see <see cref="Budget.Measure"/> for what drawing takes).</summary>
    public static FigureCost Of(PreparedFigure figure) => new(figure.Figure, figure.Size, figure.PanelsSize);

    public int Frames => Figure.FrameCount;

    public long FramePixels => (long)Frame.Width * Frame.Height;

    /// <summary>The bytes of all its frames as raw BGRA, what ffmpeg is fed: the measure of a figure's weight.</summary>
    public long FrameBytes => FramePixels * 4 * Frames;

    /// <summary>The CPU time rendering it takes (tool and ffmpeg together) on a machine like the one <c>scripts/bench</c> reports.</summary>
    public TimeSpan Estimate => TimeSpan.FromSeconds(Encoding + Drawing + Clipping);

    /// <summary>Encoding every frame in every format, and drawing a frame of a few marks: in proportion to the pixels.</summary>
    internal double Encoding => Budget.SecondsPerMegapixel * FramePixels / 1e6 * Frames * Math.Max(1, Figure.Formats.Count);

    /// <summary>Drawing the marks, each time a frame is drawn.</summary>
    internal double Drawing => Budget.SecondsPerMark * Marks * Frames * (RasterDraws + Figure.Formats.Count(f => f.Medium == Medium.Vector));

    /// <summary>Clipping the marks behind the planes in front of them, each time a frame is drawn as pixels (vectors are not clipped).</summary>
    internal double Clipping => Budget.SecondsPerClipRow * Clips * Frame.Height * Frames * RasterDraws;

    /// <summary>
    /// How often each frame is drawn as pixels: once for all its animations, or, for a figure whose frames ffmpeg cannot
    /// hold at once, once for each and once more for the GIF's palette; once more for PNG frames.
    /// </summary>
    private int RasterDraws
    {
        get
        {
            var animations = Figure.Formats.Count(f => f.Medium == Medium.Animation);
            var large = FrameBytes > FfmpegEncoder.OnePassPaletteLimit;
            return (animations == 0 ? 0 : large ? animations + (Figure.Formats.Contains(OutputFormat.Gif) ? 1 : 0) : 1) + Figure.Formats.Count(f => f.Medium == Medium.Raster);
        }
    }
}

/// <summary>A figure the budget refuses (an error) or warns about (it will take long), located at the figure.</summary>
public sealed record BudgetIssue(SourceLocation Location, string Figure, string Message, bool IsError)
{
    public override string ToString() =>
        string.Concat($"{Location}: {(IsError ? "error" : "warning")}: figure '{Figure}': {Message}".Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
}

/// <summary>
/// The one budget that decides what a figure may be, beyond what the reader checks (cells and frames): the size of
/// its frames and panels in pixels after <c>scale</c>, which every writer and ffmpeg must be able to hold, and the
/// time it takes. <see cref="FigureLoader"/> applies it, and so every command before any work: whatever it accepts,
/// every command completes.
/// </summary>
public static class Budget
{
    /// <summary>The most pixels on a side: WebP's limit (16383), the smallest of the formats we write.</summary>
    public const int MaxSide = 16_383;

    /// <summary>
    /// The most pixels in a frame or a panel page: 64 MB as BGRA. ffmpeg refuses frames of more than about 268 million
    /// pixels and Skia's bitmaps fail long before memory does; a frame this size already takes seconds to encode.
    /// </summary>
    public const long MaxPixels = 16L << 20;

    /// <summary>Above this estimate a figure is reported, with the ways to make it smaller.</summary>
    public static readonly TimeSpan LongRender = TimeSpan.FromMinutes(2);

    /// <summary>CPU seconds per megapixel of frame and per format (0.009 to 0.011 measured with scripts/bench, part 3).</summary>
    internal const double SecondsPerMegapixel = 0.011;

    /// <summary>CPU seconds per mark each time a frame is drawn (0.02 to 0.03 ms, measured on matrix, numerical and channel figures).</summary>
    internal const double SecondsPerMark = 25e-6;

    /// <summary>
    /// CPU seconds per anti-aliased clip and row of the frame each time a frame is drawn as pixels (0.5 to 1.1 µs,
    /// measured on figures of 4 to 16 stacked maps at scales 0.25 to 2, and sequences of them): what makes a frame of
    /// many maps slow.
    /// </summary>
    internal const double SecondsPerClipRow = 0.7e-6;

    /// <summary>On how many frames, spread over the figure, its marks and clips are counted.</summary>
    internal const int FrameSamples = 8;

    /// <summary>The smallest scale the reader accepts.</summary>
    private const double SmallestScale = 0.25;

    /// <summary>
    /// What drawing a prepared figure takes, besides its sizes: the marks a frame draws, and the clips they need when
    /// the scene has more planes than one map in and one out (which clip a line or two at most), both counted on a few
    /// frames spread over the figure, by the renderer without drawing a pixel.
    /// </summary>
    public static FigureCost Measure(PreparedFigure figure)
    {
        var cost = FigureCost.Of(figure);
        var scene = figure.Scene;
        var samples = Enumerable.Range(0, FrameSamples).Select(i => (int)((long)i * scene.Frames.Count / FrameSamples)).Distinct().ToList();
        var marks = samples.Average(i => scene.Frames[i].Marks.Count);
        if (scene.Planes.Count <= 2 || !Fits(cost.Frame)) return cost with { Marks = marks };
        using var renderer = new SceneRenderer(scene);
        return cost with { Marks = marks, Clips = samples.Average(renderer.Clips) };
    }

    /// <summary>Every figure over the budget (errors), and every figure that will take long (warnings), in file order.</summary>
    public static IReadOnlyList<BudgetIssue> Check(IEnumerable<PreparedFigure> figures) =>
        figures.SelectMany(f => Check(Measure(f))).ToList();

    public static IEnumerable<BudgetIssue> Check(FigureCost cost)
    {
        var figure = cost.Figure;
        BudgetIssue Issue(string message, bool error) => new(figure.Location, figure.Name, message, error);
        var tooLarge = false;
        foreach (var (what, size) in new[] { ("frames", (SKSizeI?)cost.Frame), ("panels", cost.Panels) })
        {
            if (size is not { } s || Fits(s)) continue;
            tooLarge = true;
            var scale = LargestScale(figure.Scale, s);
            var fewer = what == "panels" ? "fewer panels or columns" : "fewer cells";
            yield return Issue($"its {what} would be {s.Width}x{s.Height} px at scale {Number(figure.Scale)}, over the limit of {MaxSide} px a side and {MaxPixels >> 20} million pixels; " +
                               (scale >= SmallestScale ? $"use a scale of at most {Number(scale)}, or {fewer}" : $"even scale {Number(SmallestScale)} is too large: use {fewer}"), error: true);
        }
        if (tooLarge || cost.Estimate <= LongRender) yield break;
        // Encoding grows with the pixels (the scale squared), clipping with the rows, drawing marks not at all.
        var (a, c, b) = (cost.Encoding, cost.Clipping, cost.Drawing);
        var limit = LongRender.TotalSeconds;
        var quicker = b < limit ? Math.Floor(figure.Scale * (-c + Math.Sqrt(c * c + 4 * a * (limit - b))) / (2 * a) * 100) / 100 : 0;
        var stacked = cost.Clipping > cost.Encoding ? $" (most of it clipping marks behind stacked maps: {Math.Round(cost.Clips).ToString(CultureInfo.InvariantCulture)} clips a frame)" : "";
        yield return Issue($"it will take long: about {Duration(cost.Estimate)} of CPU time ({cost.Frames} frames of {cost.Frame.Width}x{cost.Frame.Height} px, {figure.Formats.Count} formats){stacked}; " +
                           $"to shrink it {(quicker >= SmallestScale && quicker < figure.Scale ? $"lower its scale (scale: {Number(quicker)} takes about {Duration(LongRender)}), " : "")}" +
                           $"{(figure.Play is null ? "show fewer frames with play: (first_row, {every: N} or a list such as [0, 1, \"8-15\"]), " : "")}" +
                           $"raise its stride (fewer frames), {(stacked.Length > 0 ? "draw fewer feature maps, " : "")}drop formats, or leave it out of a run with --only", error: false);
    }

    /// <summary>By how much a picture of <paramref name="size"/> must shrink on each side to fit (1 or more: it fits).</summary>
    public static double Fit(SKSizeI size) =>
        Math.Min(Math.Min((double)MaxSide / size.Width, (double)MaxSide / size.Height), Math.Sqrt((double)MaxPixels / ((long)size.Width * size.Height)));

    private static bool Fits(SKSizeI size) => Fit(size) >= 1;

    /// <summary>A scale at which <paramref name="size"/> fits, rounded down (the margins do not scale, so it errs small).</summary>
    private static double LargestScale(double scale, SKSizeI size) => Math.Floor(scale * Fit(size) * 100) / 100;

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Duration(TimeSpan time) =>
        time.TotalMinutes >= 1 ? $"{Math.Round(time.TotalMinutes).ToString(CultureInfo.InvariantCulture)} min" : $"{Math.Ceiling(time.TotalSeconds).ToString(CultureInfo.InvariantCulture)} s";
}
