using SkiaSharp;

namespace ConvAnimations.Rendering;

/// <summary>What one drawing step draws on: the canvas, the frame, and whether marks are clipped by the planes in front.</summary>
/// <param name="Clip">Drawing over a background that already holds every plane (raster): a mark is clipped where a
/// plane in front of its own hides it. Drawing plane after plane (vector): later planes cover it themselves.</param>
internal readonly record struct RenderContext(SKCanvas Canvas, int Frame, bool Clip)
{
    /// <summary>Told of every clip made (to count what a frame costs).</summary>
    public Action? Clipped { get; init; }
}

/// <summary>A path drawn in one paint: filled or stroked, as the paint says.</summary>
internal abstract record Step(SKPath Path, SKPaint Paint)
{
    public void Draw(SKCanvas canvas) => canvas.DrawPath(Path, Paint);
}

/// <summary>A path filled with one colour.</summary>
internal sealed record Fill(SKPath Path, SKPaint Paint) : Step(Path, Paint);

/// <summary>A path's lines stroked with one colour and width.</summary>
internal sealed record Stroke(SKPath Path, SKPaint Paint) : Step(Path, Paint);

/// <summary>
/// The paints of one renderer, each made once for its colour (and width) and never changed after: no step can
/// leave a paint in a state another step did not expect.
/// </summary>
internal sealed class Paints : IDisposable
{
    private readonly Dictionary<(SKColor Colour, float? Width), SKPaint> _paints = [];

    /// <summary>A fill of <paramref name="colour"/>.</summary>
    public Fill Fill(SKPath path, SKColor colour) => new(path, Filling(colour));

    /// <summary>Lines of <paramref name="colour"/>, <paramref name="width"/> pixels wide.</summary>
    public Stroke Stroke(SKPath path, SKColor colour, float width) => new(path, Get(colour, width));

    /// <summary>The paint that fills with <paramref name="colour"/>.</summary>
    public SKPaint Filling(SKColor colour) => Get(colour, null);

    /// <summary>A paint of <paramref name="colour"/>: lines <paramref name="width"/> wide, or a fill when there is no width.</summary>
    private SKPaint Get(SKColor colour, float? width)
    {
        if (_paints.TryGetValue((colour, width), out var paint)) return paint;
        paint = width is { } w
            ? new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, Color = colour, StrokeWidth = w }
            : new SKPaint { IsAntialias = true, Style = SKPaintStyle.Fill, Color = colour };
        _paints[(colour, width)] = paint;
        return paint;
    }

    public void Dispose()
    {
        foreach (var paint in _paints.Values) paint.Dispose();
    }
}
