using System.Runtime.InteropServices;
using ConvAnimations.Rendering;
using FFMpegCore.Pipes;
using SkiaSharp;

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
        // Frames are drawn straight into the array written to the pipe (pinned, so Skia can hold its address).
        var info = renderer.Info;
        var bytes = GC.AllocateArray<byte>(info.BytesSize, pinned: true);
        using var bitmap = new SKBitmap();
        if (!bitmap.InstallPixels(info, Marshal.UnsafeAddrOfPinnedArrayElement(bytes, 0), info.RowBytes))
        {
            throw new InvalidOperationException($"SkiaSharp refused a {info.Width}x{info.Height} frame buffer");
        }
        for (var i = 0; i < renderer.FrameCount; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            renderer.Render(bitmap, i);
            await outputStream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            onFrame?.Invoke();
        }
    }
}
