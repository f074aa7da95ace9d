using SkiaSharp;

namespace ConvAnimations.Snapshots;

/// <summary>How two images differ: the count of pixels that changed beyond the tolerance, and where.</summary>
public sealed record ImageDifference(int ChangedPixels, SKRectI Bounds)
{
    public bool IsSame => ChangedPixels <= ImageComparer.AllowedPixels;
}

/// <summary>
/// Compares rendered images with a small tolerance: anti-aliasing noise of a few levels on a few pixels passes,
/// while a moved cell, a changed colour or a missing 0.8 px line changes dozens of pixels by far more and fails.
/// </summary>
public static class ImageComparer
{
    /// <summary>
    /// A pixel has changed when one of its channels moved by more than this (of 255): above the rounding differences
    /// of Skia's SIMD paths on other processors, below any colour change a person would make.
    /// </summary>
    public const int ChannelTolerance = 8;

    /// <summary>How many changed pixels an image may have and still be the same.</summary>
    public const int AllowedPixels = 3;

    /// <summary>Compares a region of two images of the same size, both RGBA (see <see cref="Load"/>).</summary>
    public static ImageDifference Compare(SKBitmap expected, SKBitmap actual, SKRectI region)
    {
        ReadOnlySpan<byte> a = expected.GetPixelSpan(), b = actual.GetPixelSpan();
        var stride = expected.RowBytes;
        var changed = 0;
        int left = int.MaxValue, top = int.MaxValue, right = int.MinValue, bottom = int.MinValue;
        for (var y = region.Top; y < region.Bottom; y++)
        {
            for (var x = region.Left; x < region.Right; x++)
            {
                var i = y * stride + x * 4;
                if (!Differs(a.Slice(i, 4), b.Slice(i, 4))) continue;
                changed++;
                (left, top, right, bottom) = (Math.Min(left, x), Math.Min(top, y), Math.Max(right, x + 1), Math.Max(bottom, y + 1));
            }
        }
        return new ImageDifference(changed, changed == 0 ? SKRectI.Empty : new SKRectI(left, top, right, bottom));
    }

    private static bool Differs(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b) =>
        Math.Abs(a[0] - b[0]) > ChannelTolerance || Math.Abs(a[1] - b[1]) > ChannelTolerance
        || Math.Abs(a[2] - b[2]) > ChannelTolerance || Math.Abs(a[3] - b[3]) > ChannelTolerance;

    /// <summary>Decodes a PNG as RGBA, the layout every rendered frame has, or null when it cannot be read.</summary>
    public static SKBitmap? Load(string path)
    {
        using var decoded = SKBitmap.Decode(path);
        return decoded?.Copy(SKColorType.Rgba8888);
    }

    public static bool Differs(SKColor a, SKColor b) =>
        Math.Abs(a.Red - b.Red) > ChannelTolerance || Math.Abs(a.Green - b.Green) > ChannelTolerance
        || Math.Abs(a.Blue - b.Blue) > ChannelTolerance || Math.Abs(a.Alpha - b.Alpha) > ChannelTolerance;

    /// <summary>
    /// The expected image faded to a light grey, with every changed pixel in red (present only in the new image) or
    /// blue (present only in the old one), so a moved line shows as a red and a blue line side by side.
    /// </summary>
    public static SKBitmap DiffImage(SKBitmap expected, SKBitmap actual)
    {
        var width = Math.Max(expected.Width, actual.Width);
        var height = Math.Max(expected.Height, actual.Height);
        var diff = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        ReadOnlySpan<byte> old = expected.GetPixelSpan(), now = actual.GetPixelSpan();
        var output = diff.GetPixelSpan();
        ReadOnlySpan<byte> white = [255, 255, 255, 255];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var a = x < expected.Width && y < expected.Height ? old.Slice(y * expected.RowBytes + x * 4, 4) : white;
                var b = x < actual.Width && y < actual.Height ? now.Slice(y * actual.RowBytes + x * 4, 4) : white;
                var pixel = output.Slice(y * diff.RowBytes + x * 4, 4);
                if (!Differs(a, b))
                {
                    var grey = (byte)(190 + (a[0] + a[1] + a[2]) / 3 * 65 / 255);
                    pixel[0] = pixel[1] = pixel[2] = grey;
                }
                else if (Luma(b) < Luma(a))
                {
                    (pixel[0], pixel[1], pixel[2]) = ((byte)220, (byte)20, (byte)60);
                }
                else
                {
                    (pixel[0], pixel[1], pixel[2]) = ((byte)30, (byte)90, (byte)255);
                }
                pixel[3] = 255;
            }
        }
        return diff;
    }

    private static int Luma(ReadOnlySpan<byte> rgba) => rgba[0] * 299 + rgba[1] * 587 + rgba[2] * 114;
}
