using ConvAnimations.Rendering;
using SkiaSharp;

namespace ConvAnimations.Snapshots;

/// <summary>Every frame of a figure on one image, row-major in a near-square grid of tiles, so one file guards them all.</summary>
public static class ContactSheet
{
    public static int Columns(int frames) => (int)Math.Ceiling(Math.Sqrt(frames));

    /// <summary>Where frame <paramref name="index"/> lies on a sheet of tiles of <paramref name="tile"/> pixels.</summary>
    public static SKRectI TileOf(int index, int frames, SKSizeI tile)
    {
        var columns = Columns(frames);
        var (row, col) = (index / columns, index % columns);
        return SKRectI.Create(col * tile.Width, row * tile.Height, tile.Width, tile.Height);
    }

    /// <summary>The size of a sheet of <paramref name="frames"/> tiles of <paramref name="tile"/> pixels.</summary>
    public static SKSizeI SizeOf(int frames, SKSizeI tile)
    {
        var columns = Columns(frames);
        return new SKSizeI(tile.Width * columns, tile.Height * ((frames + columns - 1) / columns));
    }

    public static SKBitmap Render(SceneRenderer renderer)
    {
        var frames = renderer.FrameCount;
        var size = SizeOf(frames, renderer.Size);
        var tile = renderer.Size;
        var sheet = new SKBitmap(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(sheet);
        canvas.Clear(SKColors.White);
        for (var i = 0; i < frames; i++)
        {
            var at = TileOf(i, frames, tile);
            canvas.Save();
            canvas.ClipRect(SKRect.Create(at.Left, at.Top, at.Width, at.Height));
            canvas.Translate(at.Left, at.Top);
            renderer.DrawRaster(canvas, i);
            canvas.Restore();
        }
        return sheet;
    }
}
