using ConvAnimations.Preparation;
using ConvAnimations.Rendering;
using ConvAnimations.Spec;
using ConvAnimations.Writers;

namespace ConvAnimations.Cli.Serve;

/// <summary>
/// One figure ready to be drawn: its layout, scene and renderer, built once per version of the figure (the render
/// cache's key), and its frames drawn on request into memory.
/// </summary>
public sealed class PreviewFigure : IDisposable
{
    private readonly SceneRenderer _renderer;
    private readonly PreparedFigure _prepared;
    private readonly Lock _lock = new();
    private string? _player;
    private bool _disposed;

    public PreviewFigure(PreparedFigure figure, string key, int revision)
    {
        Figure = figure.Figure;
        _prepared = figure;
        Key = key;
        Revision = revision;
        Explanation = figure.Describe();
        Alt = figure.Alt();
        _renderer = new SceneRenderer(figure.Scene);
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
    public (int Width, int Height) PlayerSize => Writers.Player.FrameSize(_renderer.Size) is var size ? (size.Width, size.Height) : default;

    public int Width => _renderer.Size.Width;

    public int Height => _renderer.Size.Height;

    /// <summary>A frame as PNG or SVG bytes, or null once this version of the figure was replaced.</summary>
    public byte[]? Frame(StillFormat format, int frame)
    {
        using var stream = new MemoryStream();
        // The renderer reuses its buffers between frames: one frame at a time.
        lock (_lock)
        {
            if (_disposed) return null;
            format.WriteFrame(stream, _renderer, frame);
        }
        return stream.ToArray();
    }

    /// <summary>The figure's interactive player, the page a render writes as NAME.html (made once), or null once replaced.</summary>
    public string? Player()
    {
        lock (_lock)
        {
            if (_disposed) return null;
            return _player ??= Writers.Player.Page(new Drawing(_prepared, _renderer));
        }
    }

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
        lock (_lock)
        {
            if (_disposed) return;
            _disposed = true;
            _renderer.Dispose();
        }
    }
}
