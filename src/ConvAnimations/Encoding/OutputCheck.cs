using System.Buffers.Binary;
using ConvAnimations.Spec;

namespace ConvAnimations.Encoding;

/// <summary>
/// Checks a file ffmpeg wrote before it replaces an output: ffmpeg can exit with success after a failed write (a
/// full disk, seen here), so its exit code alone would let a truncated file through.
/// </summary>
public static class OutputCheck
{
    /// <summary>Null when the file is complete, else what is wrong with it.</summary>
    public static string? Problem(EncodedFile file, int frames)
    {
        try
        {
            return file.Format == OutputFormat.Gif ? GifProblem(file.Path, frames) : Mp4Problem(file.Path);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return e.Message;
        }
    }

    private static string? GifProblem(string path, int frames)
    {
        var gif = GifFile.Read(path);
        return gif.FrameCount == frames ? null : $"the GIF has {gif.FrameCount} frames instead of {frames}";
    }

    /// <summary>An MP4's top-level boxes must fill the file exactly and include the movie header and the media data.</summary>
    private static string? Mp4Problem(string path)
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
}
