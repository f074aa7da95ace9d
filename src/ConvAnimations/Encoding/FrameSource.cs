using ConvAnimations.Rendering;
using FFMpegCore.Pipes;

namespace ConvAnimations.Encoding;

/// <summary>
/// Streams a figure's frames into ffmpeg as raw pixels: each frame is drawn into one reused bitmap and written to the
/// pipe before the next is drawn, so an animation is never held in memory.
/// </summary>
internal sealed class FrameSource(FrameRenderer renderer, int frameMs, Action? onFrame = null) : IPipeSource
{
    public string GetStreamArguments() => InputOptions(renderer, frameMs);

    /// <summary>The options that describe the raw frames to ffmpeg: format, size and rate (1000/frame_ms per second).</summary>
    public static string InputOptions(FrameRenderer renderer, int frameMs) =>
        $"-f rawvideo -pix_fmt {FrameRenderer.FfmpegPixelFormat} -s {renderer.Size.Width}x{renderer.Size.Height} -framerate 1000/{frameMs}";

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
            onFrame?.Invoke();
        }
    }
}
