using System.Security.Cryptography;
using ConvAnimations.Rendering;
using ConvAnimations.Spec;
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

    /// <summary>Writes frame <paramref name="frame"/> of <paramref name="renderer"/>'s scene; <paramref name="title"/>: the figure's alt text, for formats that hold one (PDF).</summary>
    public virtual void WriteFrame(Stream stream, SceneRenderer renderer, int frame, string? title = null) =>
        Write(stream, renderer.Size, canvas => DrawFrame(renderer, canvas, frame), title);

    /// <summary>Writes the panels: frames side by side on one picture.</summary>
    public void WritePanels(Stream stream, SceneRenderer renderer, Panels panels, double scale, string? title = null) =>
        Write(stream, PanelLayout.Size(panels, renderer.Size, scale),
            canvas => PanelLayout.Draw(canvas, panels, renderer.Size, scale, renderer.Background, (c, frame) => DrawFrame(renderer, c, frame)), title);

    /// <summary>Writes a page for a paper: vectors at its size in points; PNG at <see cref="PaperPanels.Dpi"/>.</summary>
    public void WritePaper(Stream stream, PaperPanels page, string? title = null) => WritePage(stream, page.Size, page.Draw, title);

    protected virtual void WritePage(Stream stream, SKSize size, Action<SKCanvas> draw, string? title) => Write(stream, size, draw, title);

    /// <summary>Writes one picture of <paramref name="size"/> drawn by <paramref name="draw"/>.</summary>
    protected abstract void Write(Stream stream, SKSize size, Action<SKCanvas> draw, string? title);

    /// <summary>Draws a frame at the canvas's origin: from pixels, or all vectors for a vector format.</summary>
    protected abstract void DrawFrame(SceneRenderer renderer, SKCanvas canvas, int frame);

    private abstract class VectorFormat : StillFormat
    {
        protected override void DrawFrame(SceneRenderer renderer, SKCanvas canvas, int frame) => renderer.DrawVector(canvas, frame);
    }

    private sealed class PngFormat : StillFormat
    {
        /// <summary>A frame as ffmpeg gets it: the pre-drawn background copied and the frame's marks drawn over it.</summary>
        public override void WriteFrame(Stream stream, SceneRenderer renderer, int frame, string? title = null)
        {
            var pixels = new byte[renderer.Info.BytesSize];
            renderer.Render(pixels, frame);
            PngWriter.Write(stream, pixels, renderer.Size.Width, renderer.Size.Height);
        }

        protected override void DrawFrame(SceneRenderer renderer, SKCanvas canvas, int frame) => renderer.DrawRaster(canvas, frame);

        protected override void Write(Stream stream, SKSize size, Action<SKCanvas> draw, string? title) => Write(stream, size, 1, draw);

        protected override void WritePage(Stream stream, SKSize size, Action<SKCanvas> draw, string? title) => Write(stream, size, PaperPanels.Dpi / 72, draw);

        private static void Write(Stream stream, SKSize size, float pixelsPerPoint, Action<SKCanvas> draw)
        {
            var (width, height) = ((int)Math.Ceiling(size.Width * pixelsPerPoint), (int)Math.Ceiling(size.Height * pixelsPerPoint));
            using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Premul));
            using (var canvas = new SKCanvas(bitmap))
            {
                canvas.Clear(SKColors.Transparent);
                canvas.Scale(pixelsPerPoint);
                draw(canvas);
            }
            PngWriter.Write(stream, bitmap.GetPixelSpan(), width, height);
        }
    }

    private sealed class SvgFormat : VectorFormat
    {
        /// <summary>A page for a paper in points: its size in pt, its drawing in a view box of as many units.</summary>
        protected override void WritePage(Stream stream, SKSize size, Action<SKCanvas> draw, string? title)
        {
            using var buffer = new MemoryStream();
            Write(buffer, size, draw, title);
            var svg = System.Text.Encoding.UTF8.GetString(buffer.ToArray());
            var (width, height) = (Number(size.Width), Number(size.Height));
            var root = System.Text.RegularExpressions.Regex.Match(svg, "<svg [^>]*>");
            var sized = System.Text.RegularExpressions.Regex.Replace(root.Value, @"width=""[^""]*"" height=""[^""]*""",
                $"width=\"{width}pt\" height=\"{height}pt\" viewBox=\"0 0 {width} {height}\"");
            stream.Write(System.Text.Encoding.UTF8.GetBytes(svg[..root.Index] + sized + svg[(root.Index + root.Length)..]));
        }

        private static string Number(float value) => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

        protected override void Write(Stream stream, SKSize size, Action<SKCanvas> draw, string? title)
        {
            // The canvas writes the closing tags when disposed, so it must be disposed before the stream is used.
            using var canvas = SKSvgCanvas.Create(SKRect.Create(size.Width, size.Height), stream);
            draw(canvas);
        }
    }

    private sealed class PdfFormat : VectorFormat
    {
        protected override void Write(Stream stream, SKSize size, Action<SKCanvas> draw, string? title)
        {
            using var buffer = new MemoryStream();
            // The title is what a PDF reader shows and reads aloud for the document: the figure's alt text.
            var metadata = new SKDocumentPdfMetadata { Title = title, Creator = "ConvAnimations", Producer = "ConvAnimations (SkiaSharp)", RasterDpi = 72 };
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
