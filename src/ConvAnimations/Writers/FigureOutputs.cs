using ConvAnimations.Encoding;
using ConvAnimations.Rendering;
using ConvAnimations.Spec;

namespace ConvAnimations.Writers;

/// <summary>One file a figure writes.</summary>
public abstract record Target(string Path);

/// <summary>An animation ffmpeg encodes from the figure's frames: <c>DIR/NAME.EXT</c>.</summary>
public sealed record AnimationTarget(FfmpegFormat Format, string Path) : Target(Path);

/// <summary>One frame as a still picture: <c>DIR/NAME/NAME_NN.EXT</c>.</summary>
public sealed record FrameTarget(StillFormat Format, string Path, int Frame) : Target(Path);

/// <summary>The figure's panels as a still picture: <c>DIR/NAME.panels.EXT</c>.</summary>
public sealed record PanelsTarget(StillFormat Format, string Path, Panels Panels) : Target(Path);

/// <summary>
/// The one table of writers: each output format (<see cref="OutputFormat"/>, which says how its files are laid out)
/// and what writes it. Adding a format is its entry there and one here; a test checks that each format's writer
/// makes the files its layout says.
/// </summary>
public static class FigureOutputs
{
    /// <summary>What writes a format: ffmpeg from the frames' pixels (one file), or SkiaSharp frame by frame (and panels).</summary>
    public sealed record Writer(FfmpegFormat? Ffmpeg, StillFormat? Still);

    private static readonly Dictionary<OutputFormat, Writer> Table = new()
    {
        [OutputFormat.Gif] = new(FfmpegFormat.Gif, null),
        [OutputFormat.Mp4] = new(FfmpegFormat.Mp4, null),
        [OutputFormat.Webp] = new(FfmpegFormat.Webp, null),
        [OutputFormat.Png] = new(null, StillFormat.Png),
        [OutputFormat.Svg] = new(null, StillFormat.Svg),
        [OutputFormat.Pdf] = new(null, StillFormat.Pdf),
    };

    /// <summary>The writer of a format.</summary>
    public static Writer WriterOf(OutputFormat format) => Table[format];

    /// <summary>How a still format is written; null for an animation.</summary>
    public static StillFormat? Still(OutputFormat format) => Table[format].Still;

    /// <summary>Every file <paramref name="figure"/> writes into <paramref name="directory"/>, in a stable order.</summary>
    public static IReadOnlyList<Target> Of(Figure figure, string directory)
    {
        var targets = new List<Target>();
        foreach (var format in figure.Formats)
        {
            var writer = Table[format];
            if (writer.Ffmpeg is { } ffmpeg) targets.Add(new AnimationTarget(ffmpeg, AnimationPath(directory, figure.Name, format)));
            if (writer.Still is { } still)
            {
                targets.AddRange(Enumerable.Range(0, figure.FrameCount).Select(i => new FrameTarget(still, FramePath(directory, figure.Name, format, i, figure.FrameCount), i)));
            }
        }
        if (figure.Panels is { } panels)
        {
            targets.AddRange(panels.Formats.Select(f => new PanelsTarget(Still(f)!, PanelsPath(directory, figure.Name, f), panels)));
        }
        return targets;
    }

    public static string AnimationPath(string directory, string name, OutputFormat format) =>
        System.IO.Path.Combine(directory, $"{name}.{format.Name}");

    public static string PanelsPath(string directory, string name, OutputFormat format) =>
        System.IO.Path.Combine(directory, $"{name}.panels.{format.Name}");

    /// <summary>The folder of a figure's frame files.</summary>
    public static string FramesDirectory(string directory, string name) => System.IO.Path.Combine(directory, name);

    /// <summary>
    /// <c>DIR/NAME/NAME_NN.EXT</c> as the original's pdf/NAME_00.pdf: NN the frame index zero-padded to at least two
    /// digits, and to as many as the number of frames has (a figure of 100 frames numbers them 000 to 099).
    /// </summary>
    public static string FramePath(string directory, string name, OutputFormat format, int frame, int frames)
    {
        var digits = Math.Max(2, frames.ToString(System.Globalization.CultureInfo.InvariantCulture).Length);
        return System.IO.Path.Combine(FramesDirectory(directory, name), $"{name}_{frame.ToString(new string('0', digits), System.Globalization.CultureInfo.InvariantCulture)}.{format.Name}");
    }

    /// <summary>Writes a still target of the figure drawn by <paramref name="renderer"/> into <paramref name="stream"/>.</summary>
    public static void WriteStill(Target target, SceneRenderer renderer, double scale, Stream stream)
    {
        switch (target)
        {
            case FrameTarget frame:
                frame.Format.WriteFrame(stream, renderer, frame.Frame);
                break;
            case PanelsTarget panels:
                panels.Format.WritePanels(stream, renderer, panels.Panels, scale);
                break;
            default:
                throw new ArgumentException($"{target.Path} is not a still picture", nameof(target));
        }
    }
}
