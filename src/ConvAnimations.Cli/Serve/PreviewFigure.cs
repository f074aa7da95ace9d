using ConvAnimations.Preparation;
using ConvAnimations.Rendering;
using ConvAnimations.Spec;
using ConvAnimations.Writers;

namespace ConvAnimations.Cli.Serve;

/// <summary>
/// One figure ready to be drawn, built once per version of the figure (the render cache's key): its explanation and
/// size, and its frames drawn on request into memory, at its own scale or smaller for a page that shows it smaller.
/// Its renderers are kept in the server's <see cref="DrawingCache"/>, which lets go of them when memory is short.
/// </summary>
public sealed class PreviewFigure : IDisposable
{
    /// <summary>The smallest drawing asked for is 1/16 of the figure's size (2^(-8/2)).</summary>
    private const int SmallestStep = 8;

    private readonly Lazy<string> _player;

    private readonly DrawingCache _drawings;
    private readonly PreparedFigure _prepared;
    private volatile bool _disposed;

    public PreviewFigure(PreparedFigure figure, string key, int revision, DrawingCache drawings)
    {
        Figure = figure.Figure;
        Key = key;
        Revision = revision;
        _drawings = drawings;
        _prepared = figure;
        Explanation = figure.Describe();
        (Width, Height) = (figure.Size.Width, figure.Size.Height);
        Alt = figure.Alt();
        _player = new(() =>
        {
            using var renderer = new SceneRenderer(figure.Scene);
            return Writers.Player.Page(new Drawing(figure, renderer));
        });
    }

    public Figure Figure { get; }

    /// <summary>Everything that decides the figure's pixels: a changed key is a changed figure.</summary>
    public string Key { get; }

    /// <summary>The reload that built this figure; an unchanged figure keeps its revision.</summary>
    public int Revision { get; }

    public string Explanation { get; }

    /// <summary>Its alt text, the player's accessible name.</summary>
    public string Alt { get; }

    /// <summary>The size of a frame that holds its player.</summary>
    public (int Width, int Height) PlayerSize => Writers.Player.FrameSize(_prepared.Size) is var size ? (size.Width, size.Height) : default;

    public int Width { get; }

    public int Height { get; }

    /// <summary>
    /// A frame as PNG or SVG bytes, drawn at least <paramref name="width"/> px wide when given (at the figure's scale
    /// times a power of √2, so a page resized a little is drawn by the same renderer), or null once this version of
    /// the figure was replaced.
    /// </summary>
    public byte[]? Frame(StillFormat format, int frame, int? width = null)
    {
        if (_disposed) return null;
        var step = width is { } w && w < Width ? Math.Min(SmallestStep, (int)Math.Floor(-2 * Math.Log2((double)w / Width))) : 0;
        var factor = Math.Pow(2, -step / 2.0);
        // A background and a frame buffer, 4 bytes a pixel each.
        var bytes = 8L * (long)Math.Ceiling(Width * factor) * (long)Math.Ceiling(Height * factor);
        var drawn = _drawings.Use(this, step, bytes, () => new Drawer(step == 0 ? _prepared.Scene : _prepared.Scene with { Scale = _prepared.Scene.Scale * factor }), d => d.Draw(format, frame));
        if (!_disposed) return drawn;
        // Replaced while it drew: the drawing it may have made again goes too.
        _drawings.Forget(this);
        return null;
    }

    /// <summary>The figure's interactive player, the page a render writes as NAME.html (made once), or null once replaced.</summary>
    public string? Player() => _disposed ? null : _player.Value;

    /// <summary>The figure's files that a render wrote into the output folder, relative to it.</summary>
    public IReadOnlyList<string> FilesIn(string outputDirectory) =>
        FigureOutputs.Of(Figure, outputDirectory)
            .Select(t => t is FrameTarget ? Path.GetDirectoryName(t.Path)! : t.Path)
            .Distinct()
            .Where(p => File.Exists(p) || Directory.Exists(p))
            .Select(p => Path.GetRelativePath(outputDirectory, p).Replace('\\', '/'))
            .ToList();

    public void Dispose()
    {
        _disposed = true;
        _drawings.Forget(this);
    }

    /// <summary>A renderer and the buffer its PNG frames are drawn into, both kept between requests.</summary>
    private sealed class Drawer(Scenes.Scene scene) : IDisposable
    {
        private readonly SceneRenderer _renderer = new(scene);
        private byte[]? _pixels;

        public byte[] Draw(StillFormat format, int frame)
        {
            using var stream = new MemoryStream();
            if (format == StillFormat.Png)
            {
                _renderer.Render(_pixels ??= new byte[_renderer.Info.BytesSize], frame);
                PngWriter.Write(stream, _pixels, _renderer.Size.Width, _renderer.Size.Height);
            }
            else
            {
                format.WriteFrame(stream, _renderer, frame);
            }
            return stream.ToArray();
        }

        public void Dispose() => _renderer.Dispose();
    }
}
