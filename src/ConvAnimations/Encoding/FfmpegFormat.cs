using System.Buffers.Binary;

namespace ConvAnimations.Encoding;

/// <summary>
/// A file format ffmpeg writes: the filter that prepares a branch of frames for it, its output options, and the
/// structural check a written file must pass before it replaces an output (ffmpeg can exit with success after a
/// failed write on a full disk, seen here, so its exit code alone would let a truncated file through).
/// </summary>
/// <param name="Filter">The filter from a branch of frames (after the palette, if any) to the encoder's input.</param>
/// <param name="UsesPalette">Its colours come from a palette built over all the figure's frames (palettegen, paletteuse).</param>
/// <param name="Problem">Null when a written file of <c>frames</c> frames is complete, else what is wrong with it.</param>
/// <param name="UsesVideoElement">A page shows it as a video (with controls), not as an image.</param>
public sealed record FfmpegFormat(string Name, string Filter, string Options, bool UsesPalette, Func<string, int, string?> Problem, bool UsesVideoElement = false)
{
    /// <summary>A looping GIF; the muxer marks the pixels a frame leaves unchanged as transparent.</summary>
    public static readonly FfmpegFormat Gif = new("GIF", "null", "-loop 0 -f gif", UsesPalette: true, GifProblem);

    /// <summary>H.264 in yuv420p with the index up front: what every browser plays.</summary>
    public static readonly FfmpegFormat Mp4 = new("MP4", "format=yuv420p",
        "-c:v libx264 -preset veryfast -tune stillimage -crf 18 -pix_fmt yuv420p -movflags +faststart -f mp4", UsesPalette: false, Mp4Problem, UsesVideoElement: true);

    /// <summary>
    /// A looping animated WebP: the GIF's colours (visually lossless, the same palette), encoded losslessly, where
    /// WebP's indexed colours and its own frame differences make it smaller than the GIF.
    /// </summary>
    public static readonly FfmpegFormat Webp = new("WebP", "format=bgra",
        "-c:v libwebp_anim -lossless 1 -compression_level 2 -quality 100 -loop 0 -f webp", UsesPalette: true, WebpProblem);

    private static string? GifProblem(string path, int frames)
    {
        var gif = GifFile.Read(path);
        return gif.FrameCount == frames ? null : $"the GIF has {gif.FrameCount} frames instead of {frames}";
    }

    /// <summary>An MP4's top-level boxes must fill the file exactly and include the movie header and the media data.</summary>
    private static string? Mp4Problem(string path, int frames)
    {
        var bytes = File.ReadAllBytes(path);
        var boxes = new List<string>();
        long position = 0;
        while (position + 8 <= bytes.Length)
        {
            long size = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan((int)position));
            if (size == 1 && position + 16 <= bytes.Length) size = (long)BinaryPrimitives.ReadUInt64BigEndian(bytes.AsSpan((int)position + 8));
            if (size < 8) return $"the MP4 has a malformed box at byte {position}";
            boxes.Add(System.Text.Encoding.ASCII.GetString(bytes, (int)position + 4, 4));
            position += size;
        }
        if (position != bytes.Length) return $"the MP4 is truncated: its boxes need {position} bytes, the file has {bytes.Length}";
        return boxes.Contains("moov") && boxes.Contains("mdat") ? null : "the MP4 lacks its moov or mdat box";
    }

    private static string? WebpProblem(string path, int frames)
    {
        var webp = WebpFile.Read(path);
        return webp.FrameCount == frames ? null : $"the WebP has {webp.FrameCount} frames instead of {frames}";
    }
}
