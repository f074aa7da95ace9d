using ConvAnimations.Spec;
using SkiaSharp;

namespace ConvAnimations.Rendering;

/// <summary>The paper's static figures: frames on a common grid with a small even gap, at the frames' scale.</summary>
public static class PanelLayout
{
    /// <summary>The gap between panels, in pixels at scale 1; each frame already has its own white margin.</summary>
    private const float Gap = 8;

    public static int GapAt(double scale) => (int)Math.Round(Gap * scale);

    public static SKSizeI Size(Panels panels, SKSizeI frame, double scale)
    {
        var gap = GapAt(scale);
        return new SKSizeI(panels.Columns * frame.Width + (panels.Columns - 1) * gap, panels.Rows * frame.Height + (panels.Rows - 1) * gap);
    }

    /// <summary>Where panel <paramref name="n"/> (its place in <see cref="Panels.Frames"/>) lies.</summary>
    public static SKPointI Origin(Panels panels, int n, SKSizeI frame, double scale)
    {
        var gap = GapAt(scale);
        return new SKPointI(n % panels.Columns * (frame.Width + gap), n / panels.Columns * (frame.Height + gap));
    }

    /// <summary>Draws every panel with <paramref name="drawFrame"/> (frame index) at its place on a page of <paramref name="background"/>.</summary>
    public static void Draw(SKCanvas canvas, Panels panels, SKSizeI frame, double scale, SKColor background, Action<SKCanvas, int> drawFrame)
    {
        using (var page = new SKPaint { Color = background }) canvas.DrawRect(SKRect.Create(Size(panels, frame, scale)), page);
        for (var n = 0; n < panels.Frames.Count; n++)
        {
            var at = Origin(panels, n, frame, scale);
            canvas.Save();
            canvas.Translate(at.X, at.Y);
            drawFrame(canvas, panels.Frames[n]);
            canvas.Restore();
        }
    }
}
