using FFMpegCore.Pipes;

namespace ConvAnimations.Encoding;

/// <summary>
/// Streams a sequence's frames into ffmpeg as raw pixels: each frame is written into one reused buffer and sent to
/// the pipe before the next is drawn, so an animation is never held in memory.
/// </summary>
internal sealed class FrameSource(IFrameSequence frames, int frameMs, Action? onFrame = null) : IPipeSource
{
    public const string PixelFormat = "bgra";

    public string GetStreamArguments() => InputOptions(frames, frameMs);

    /// <summary>The options that describe the raw frames to ffmpeg: format, size and rate (1000/frame_ms per second).</summary>
    public static string InputOptions(IFrameSequence frames, int frameMs) =>
        $"-f rawvideo -pix_fmt {PixelFormat} -s {frames.Width}x{frames.Height} -framerate 1000/{frameMs}";

    public async Task WriteAsync(Stream outputStream, CancellationToken cancellationToken)
    {
        // Pinned: the same address frame after frame lets a sequence keep what it draws with.
        var bytes = GC.AllocateArray<byte>(checked((int)frames.FrameBytes), pinned: true);
        for (var i = 0; i < frames.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            frames.Write(i, bytes);
            await outputStream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            onFrame?.Invoke();
        }
    }
}
