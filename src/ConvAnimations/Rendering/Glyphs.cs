using ConvAnimations.Scenes;
using SkiaSharp;

namespace ConvAnimations.Rendering;

/// <summary>
/// Text as outlines in every format: vectors need no font on the reader's machine, and pixels match them. Owns the
/// renderer's font; each path sets the size it needs.
/// </summary>
internal sealed class Glyphs(Projection projection) : IDisposable
{
    private readonly SKFont _font = Fonts.SerifFont();

    /// <summary>Text lying in its plane, centred vertically on the height of a digit (not of the whole line).</summary>
    public SKPath Path(Label label)
    {
        _font.Size = label.Size;
        var baseline = label.Row + label.Size * 0.35f;
        var width = _font.MeasureText(label.Text);
        var left = label.Align switch { TextAlign.Left => label.Col, TextAlign.Center => label.Col - width / 2, _ => label.Col - width };
        var glyphs = _font.GetTextPath(label.Text, new SKPoint(left, baseline));
        glyphs.Transform(projection.Planes[label.Plane]);
        return glyphs;
    }

    /// <summary>Upright text on the canvas, <paramref name="size"/> pixels high, its baseline starting at <paramref name="origin"/>.</summary>
    public SKPath Path(string text, SKPoint origin, float size)
    {
        _font.Size = size;
        return _font.GetTextPath(text, origin);
    }

    public void Dispose() => _font.Dispose();
}
