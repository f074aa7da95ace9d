using System.Security.Cryptography;
using SkiaSharp;

namespace ConvAnimations.Writers;

/// <summary>
/// A picture format SkiaSharp writes itself: PNG from pixels, SVG and PDF as vectors (no bitmap in them, text as
/// outlines, so they look the same on a machine without the font). 1 px of a frame is 1 pt of a PDF page.
/// </summary>
public abstract class StillFormat
{
    public static readonly StillFormat Png = new PngFormat();
    public static readonly StillFormat Svg = new SvgFormat();
    public static readonly StillFormat Pdf = new PdfFormat();

    /// <summary>Whether <see cref="Write"/> draws onto a vector canvas (the drawing must then be all vectors).</summary>
    public abstract bool IsVector { get; }

    /// <summary>Writes one picture of <paramref name="size"/> drawn by <paramref name="draw"/>.</summary>
    public abstract void Write(Stream stream, SKSizeI size, Action<SKCanvas> draw);

    private sealed class PngFormat : StillFormat
    {
        // The figures are flat colours: the fastest deflate level is within a few per cent of the best.
        private static readonly SKPngEncoderOptions Options = new(SKPngEncoderFilterFlags.AllFilters, zLibLevel: 1);

        public override bool IsVector => false;

        public override void Write(Stream stream, SKSizeI size, Action<SKCanvas> draw)
        {
            using var bitmap = new SKBitmap(new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Premul));
            using (var canvas = new SKCanvas(bitmap)) draw(canvas);
            using var pixmap = bitmap.PeekPixels();
            using var data = pixmap.Encode(Options) ?? throw new IOException("SkiaSharp could not encode the PNG");
            data.SaveTo(stream);
        }
    }

    private sealed class SvgFormat : StillFormat
    {
        public override bool IsVector => true;

        public override void Write(Stream stream, SKSizeI size, Action<SKCanvas> draw)
        {
            // The canvas writes the closing tags when disposed, so it must be disposed before the stream is used.
            using var canvas = SKSvgCanvas.Create(SKRect.Create(size.Width, size.Height), stream);
            draw(canvas);
        }
    }

    private sealed class PdfFormat : StillFormat
    {
        public override bool IsVector => true;

        public override void Write(Stream stream, SKSizeI size, Action<SKCanvas> draw)
        {
            using var buffer = new MemoryStream();
            var metadata = new SKDocumentPdfMetadata { Creator = "ConvAnimations", Producer = "ConvAnimations (SkiaSharp)", RasterDpi = 72 };
            using (var document = SKDocument.CreatePdf(buffer, metadata))
            {
                draw(document.BeginPage(size.Width, size.Height));
                document.EndPage();
                document.Close();
            }
            var bytes = buffer.ToArray();
            Deterministic(bytes);
            stream.Write(bytes);
        }

        /// <summary>
        /// Skia names every PDF with an /ID drawn from the clock: replaced by a hash of the rest of the file (same
        /// length, after the cross-reference table, so no offset moves), the same drawing gives the same bytes.
        /// </summary>
        private static void Deterministic(byte[] pdf)
        {
            var text = System.Text.Encoding.Latin1.GetString(pdf);
            var at = text.LastIndexOf("/ID [<", StringComparison.Ordinal);
            if (at < 0) return;
            var first = at + "/ID [<".Length;
            var end = text.IndexOf(">]", first, StringComparison.Ordinal);
            if (end < 0) return;
            var digest = Convert.ToHexString(SHA256.HashData(pdf.AsSpan(0, at)));
            for (var i = first; i < end; i++)
            {
                if (Uri.IsHexDigit(text[i])) pdf[i] = (byte)digest[(i - first) % digest.Length];
            }
        }
    }
}
