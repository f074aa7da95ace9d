namespace ConvAnimations.Encoding;

/// <summary>
/// What ffmpeg is fed: a number of frames of one size, each written on demand as BGRA pixels (ffmpeg's native RGB32
/// on little-endian machines, premultiplied, rows of <c>Width * 4</c> bytes). Encoding knows nothing else of them.
/// </summary>
public interface IFrameSequence
{
    int Width { get; }

    int Height { get; }

    int Count { get; }

    /// <summary>Whether the frames carry text, whose anti-aliased glyph edges need more colours in a GIF palette.</summary>
    bool HasText { get; }

    /// <summary>Writes frame <paramref name="index"/> into <paramref name="bgra"/>, exactly <see cref="FrameBytes"/> long.</summary>
    void Write(int index, Span<byte> bgra);

    long FrameBytes => (long)Width * Height * 4;
}
