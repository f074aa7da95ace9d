using System.Globalization;
using SkiaSharp;

namespace ConvAnimations.Tests.Support;

/// <summary>
/// Tools that are not ours and not SkiaSharp read back what we wrote: rsvg-convert (librsvg) for SVG, pdftoppm,
/// pdfinfo and pdffonts (poppler) for PDF, webpmux (libwebp) for WebP.
/// </summary>
public static class IndependentReaders
{
    /// <summary>An SVG drawn by librsvg at <paramref name="width"/> x <paramref name="height"/> pixels.</summary>
    public static SKBitmap RasterizeSvg(string svg, int width, int height)
    {
        var png = svg + ".rsvg.png";
        var result = Processes.Run("rsvg-convert", ["-w", Text(width), "-h", Text(height), "-b", "white", "-o", png, svg]);
        Assert.True(result.ExitCode == 0, $"rsvg-convert {svg}: {result.Stderr}");
        return Decode(png);
    }

    /// <summary>
    /// A PDF's page (the first unless told) drawn by poppler at <paramref name="width"/> x <paramref name="height"/> pixels. Poppler
    /// snaps horizontal and vertical strokes to whole pixels (stroke adjustment, which pdftoppm cannot turn off), so
    /// a 1.7 px line can move by a pixel; the page is drawn at 4x and each 4x4 block averaged, which keeps the reader
    /// independent and divides its snapping by four.
    /// </summary>
    public static SKBitmap RasterizePdf(string pdf, int width, int height, int page = 1)
    {
        const int Over = 4;
        var prefix = pdf + ".poppler";
        // A PPM (no compression to undo): "P6", width, height, 255, then RGB bytes.
        var result = Processes.Run("pdftoppm", ["-singlefile", "-f", Text(page), "-l", Text(page), "-scale-to-x", Text(Over * width), "-scale-to-y", Text(Over * height), pdf, prefix]);
        Assert.True(result.ExitCode == 0, $"pdftoppm {pdf}: {result.Stderr}");
        var ppm = File.ReadAllBytes(prefix + ".ppm");
        var header = $"P6\n{Over * width} {Over * height}\n255\n";
        Assert.Equal(header, System.Text.Encoding.ASCII.GetString(ppm, 0, Math.Min(header.Length, ppm.Length)));
        Assert.Equal(header.Length + 3 * Over * width * Over * height, ppm.Length);
        var source = ppm.AsSpan(header.Length);
        var small = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var target = small.GetPixelSpan();
        var stride = 3 * Over * width;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                for (var channel = 0; channel < 3; channel++)
                {
                    var sum = 0;
                    for (var dy = 0; dy < Over; dy++)
                    {
                        for (var dx = 0; dx < Over; dx++) sum += source[(Over * y + dy) * stride + 3 * (Over * x + dx) + channel];
                    }
                    target[4 * (y * width + x) + channel] = (byte)(sum / (Over * Over));
                }
                target[4 * (y * width + x) + 3] = 255;
            }
        }
        return small;
    }

    /// <summary>pdfinfo's "Page size" in points.</summary>
    public static (double Width, double Height) PdfPageSize(string pdf)
    {
        var result = Processes.Run("pdfinfo", [pdf]);
        Assert.True(result.ExitCode == 0, $"pdfinfo {pdf}: {result.Stderr}");
        var line = result.Stdout.Split('\n').Single(l => l.StartsWith("Page size:", StringComparison.Ordinal));
        var parts = line["Page size:".Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1, result.Stdout.Split('\n').Count(l => l.StartsWith("Pages:", StringComparison.Ordinal) && l.Trim().EndsWith(" 1", StringComparison.Ordinal)));
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    /// <summary>The fonts pdffonts lists, a line each (none when all text is drawn as outlines).</summary>
    public static IReadOnlyList<string> PdfFonts(string pdf)
    {
        var result = Processes.Run("pdffonts", [pdf]);
        Assert.True(result.ExitCode == 0, $"pdffonts {pdf}: {result.Stderr}");
        return result.Stdout.Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
    }

    /// <summary>webpmux's view of an animated WebP: frame durations in ms and the loop count.</summary>
    public static (IReadOnlyList<int> DurationsMs, int Loop, int Width, int Height) WebpInfo(string webp)
    {
        var result = Processes.Run("webpmux", ["-info", webp]);
        Assert.True(result.ExitCode == 0, $"webpmux {webp}: {result.Stdout}{result.Stderr}");
        var lines = result.Stdout.Split('\n');
        var canvas = lines.Single(l => l.StartsWith("Canvas size:", StringComparison.Ordinal))["Canvas size:".Length..].Split('x');
        var loop = int.Parse(lines.Single(l => l.Contains("Loop Count", StringComparison.Ordinal)).Split(':')[^1].Trim(), CultureInfo.InvariantCulture);
        // Frame rows: "  1:   444   512    no        0        0     1000       none ..."; the duration is the seventh field.
        var durations = lines.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s*\d+:\s"))
            .Select(l => int.Parse(l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[6], CultureInfo.InvariantCulture)).ToList();
        return (durations, loop, int.Parse(canvas[0].Trim(), CultureInfo.InvariantCulture), int.Parse(canvas[1].Trim(), CultureInfo.InvariantCulture));
    }

    public static SKBitmap Decode(string png)
    {
        using var decoded = SKBitmap.Decode(png) ?? throw new InvalidDataException($"{png} is not a picture");
        return decoded.Copy(SKColorType.Rgba8888) ?? throw new InvalidDataException($"{png} cannot be converted to RGBA");
    }

    /// <summary>The share of pixels whose channels differ by more than <paramref name="threshold"/> in any channel.</summary>
    public static double ShareDiffering(SKBitmap a, SKBitmap b, int threshold = 64)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        Assert.Equal((SKColorType.Rgba8888, SKColorType.Rgba8888), (a.ColorType, b.ColorType));
        ReadOnlySpan<byte> p = a.GetPixelSpan(), q = b.GetPixelSpan();
        var differing = 0;
        for (var i = 0; i < p.Length; i += 4)
        {
            if (Math.Abs(p[i] - q[i]) > threshold || Math.Abs(p[i + 1] - q[i + 1]) > threshold || Math.Abs(p[i + 2] - q[i + 2]) > threshold) differing++;
        }
        return (double)differing / (a.Width * a.Height);
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}
