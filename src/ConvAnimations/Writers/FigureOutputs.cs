using System.Globalization;
using ConvAnimations.Encoding;
using ConvAnimations.Preparation;
using ConvAnimations.Rendering;
using ConvAnimations.Spec;

namespace ConvAnimations.Writers;

/// <summary>One file a figure writes.</summary>
public abstract record Target(string Path);

/// <summary>An animation ffmpeg encodes from the figure's frames: <c>DIR/NAME.EXT</c>.</summary>
public sealed record AnimationTarget(FfmpegFormat Format, string Path) : Target(Path);

/// <summary>What an in-process writer draws from: the prepared figure and a renderer of its scene, made once a figure.</summary>
public sealed record Drawing(PreparedFigure Figure, SceneRenderer Renderer);

/// <summary>A file written in-process from the prepared figure: a still picture, or a document made from its scene.</summary>
public abstract record DrawnTarget(string Path) : Target(Path)
{
    public abstract void Write(Stream stream, Drawing drawing);
}

/// <summary>A file of one frame, <c>DIR/NAME/NAME_NN.EXT</c>: when a figure has fewer frames, the files of the others are removed.</summary>
public interface IFrameFile
{
    int Frame { get; }
}

/// <summary>One frame as a still picture: <c>DIR/NAME/NAME_NN.EXT</c>.</summary>
public sealed record FrameTarget(StillFormat Format, string Path, int Frame) : DrawnTarget(Path), IFrameFile
{
    public override void Write(Stream stream, Drawing drawing) => Format.WriteFrame(stream, drawing.Renderer, Frame, drawing.Figure.Alt());
}

/// <summary>The figure's panels as a still picture: <c>DIR/NAME.panels.EXT</c>.</summary>
public sealed record PanelsTarget(StillFormat Format, string Path, Panels Panels) : DrawnTarget(Path)
{
    public override void Write(Stream stream, Drawing drawing)
    {
        if (Panels.Paper is null)
        {
            Format.WritePanels(stream, drawing.Renderer, Panels, drawing.Figure.Figure.Scale, drawing.Figure.Alt());
            return;
        }
        using var page = new PaperPanels(drawing.Figure.Scene, Panels);
        Format.WritePaper(stream, page, drawing.Figure.Alt());
    }
}

/// <summary>What writes a format: the files it makes of a figure, and of its panels when the format can hold them.</summary>
public abstract class FormatWriter
{
    public abstract IEnumerable<Target> Files(Figure figure, OutputFormat format, string directory);

    /// <summary>The panels' files (TikZ: the picture and a document), or none when the format cannot hold panels.</summary>
    public virtual IEnumerable<Target> PanelsFiles(Figure figure, Panels panels, OutputFormat format, string directory) => [];

    /// <summary>One frame written alone to <paramref name="path"/> (the <c>frame</c> command), or null when the format has no file per frame.</summary>
    public virtual DrawnTarget? Frame(string path, int frame) => null;
}

/// <summary>ffmpeg encoding the frames' pixels into one file.</summary>
public sealed class AnimationWriter(FfmpegFormat ffmpeg) : FormatWriter
{
    public override IEnumerable<Target> Files(Figure figure, OutputFormat format, string directory) =>
        [new AnimationTarget(ffmpeg, FigureOutputs.AnimationPath(directory, figure.Name, format))];
}

/// <summary>SkiaSharp drawing each frame into a file of its own, and the panels into one.</summary>
public sealed class StillWriter(StillFormat still) : FormatWriter
{
    public StillFormat Format => still;

    public override IEnumerable<Target> Files(Figure figure, OutputFormat format, string directory) =>
        Enumerable.Range(0, figure.FrameCount).Select(i => new FrameTarget(still, FigureOutputs.FramePath(directory, figure.Name, format, i, figure.FrameCount), i));

    public override IEnumerable<Target> PanelsFiles(Figure figure, Panels panels, OutputFormat format, string directory) =>
        [new PanelsTarget(still, FigureOutputs.PanelsPath(directory, figure.Name, format), panels)];

    public override DrawnTarget Frame(string path, int frame) => new FrameTarget(still, path, frame);
}

/// <summary>
/// The one table of writers: each output format (<see cref="OutputFormat"/>, which says how its files are laid out)
/// and what writes it. Adding a format is its entry there and one here; a test checks that each format's writer
/// makes the files its layout says.
/// </summary>
public static class FigureOutputs
{
    private static readonly Dictionary<OutputFormat, FormatWriter> Table = new()
    {
        [OutputFormat.Gif] = new AnimationWriter(FfmpegFormat.Gif),
        [OutputFormat.Mp4] = new AnimationWriter(FfmpegFormat.Mp4),
        [OutputFormat.Webp] = new AnimationWriter(FfmpegFormat.Webp),
        [OutputFormat.Png] = new StillWriter(StillFormat.Png),
        [OutputFormat.Svg] = new StillWriter(StillFormat.Svg),
        [OutputFormat.Pdf] = new StillWriter(StillFormat.Pdf),
        [OutputFormat.Tikz] = new TikzWriter(),
        [OutputFormat.Pptx] = new PptxWriter(),
        [OutputFormat.Html] = new DocumentWriter(path => new PlayerTarget(path)),
        [OutputFormat.AnimatedSvg] = new DocumentWriter(path => new AnimatedSvgTarget(path)),
    };

    /// <summary>The writer of a format.</summary>
    public static FormatWriter WriterOf(OutputFormat format) => Table[format];

    /// <summary>Whether a format is encoded by ffmpeg (which must then be installed).</summary>
    public static bool NeedsFfmpeg(OutputFormat format) => Table[format] is AnimationWriter;

    /// <summary>Every file <paramref name="figure"/> writes into <paramref name="directory"/>, in a stable order.</summary>
    public static IReadOnlyList<Target> Of(Figure figure, string directory)
    {
        var targets = figure.Formats.SelectMany(format => Table[format].Files(figure, format, directory)).ToList();
        if (figure.Panels is { } panels)
        {
            foreach (var format in panels.Formats)
            {
                var files = Table[format].PanelsFiles(figure, panels, format, directory).ToList();
                targets.AddRange(files.Count > 0 ? files : throw new InvalidOperationException($"the format {format} holds no panels"));
            }
        }
        return targets;
    }

    public static string AnimationPath(string directory, string name, OutputFormat format) =>
        System.IO.Path.Combine(directory, $"{name}.{format.Extension}");

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
        var digits = Math.Max(2, frames.ToString(CultureInfo.InvariantCulture).Length);
        return System.IO.Path.Combine(FramesDirectory(directory, name), $"{name}_{frame.ToString(new string('0', digits), CultureInfo.InvariantCulture)}.{format.Name}");
    }
}
