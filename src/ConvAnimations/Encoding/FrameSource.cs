using ConvAnimations.Rendering;
using FFMpegCore.Pipes;
using SkiaSharp;

namespace ConvAnimations.Encoding;

/// <summary>
/// Streams a figure's frames into ffmpeg as raw RGBA: each frame is drawn into one reused bitmap and written to the
/// pipe before the next is drawn, so an animation is never held in memory.
/// </summary>
internal sealed class FrameSource(FrameRenderer renderer, int frameMs) : IPipeSource
{
    public string GetStreamArguments() =>
        $"-f rawvideo -pix_fmt rgba -s {renderer.Size.Width}x{renderer.Size.Height} -framerate 1000/{frameMs}";

    public async Task WriteAsync(Stream outputStream, CancellationToken cancellationToken)
    {
        using var bitmap = renderer.NewBitmap();
        var bytes = new byte[bitmap.ByteCount];
        for (var i = 0; i < renderer.FrameCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            renderer.Render(bitmap, i);
            bitmap.GetPixelSpan().CopyTo(bytes);
            await outputStream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
    }
}
