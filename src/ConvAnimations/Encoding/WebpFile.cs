using System.Buffers.Binary;

namespace ConvAnimations.Encoding;

/// <summary>
/// An animated WebP's structure, read chunk by chunk: the RIFF container must fill the file exactly; the ANIM chunk
/// gives the loop count, each ANMF chunk a frame and its duration.
/// </summary>
public sealed record WebpFile(IReadOnlyList<int> DurationsMs, int? LoopCount)
{
    public int FrameCount => DurationsMs.Count;

    public static WebpFile Read(string path)
    {
        var b = File.ReadAllBytes(path);
        if (b.Length < 12 || Ascii(b, 0) != "RIFF" || Ascii(b, 8) != "WEBP") throw new InvalidDataException("not a WebP file");
        var riffEnd = 8L + BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(4));
        if (riffEnd != b.Length) throw new InvalidDataException($"the WebP is truncated: its RIFF header says {riffEnd} bytes, the file has {b.Length}");
        var durations = new List<int>();
        int? loop = null;
        var pos = 12;
        while (pos + 8 <= b.Length)
        {
            var (id, size) = (Ascii(b, pos), (int)BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(pos + 4)));
            var data = pos + 8;
            if (data + (long)size > b.Length) throw new InvalidDataException($"the WebP chunk {id} at byte {pos} runs past the end of the file");
            if (id == "ANIM" && size >= 6) loop = BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(data + 4));
            if (id == "ANMF" && size >= 16) durations.Add(b[data + 12] | b[data + 13] << 8 | b[data + 14] << 16);
            pos = data + size + (size & 1);
        }
        return new WebpFile(durations, loop);
    }

    private static string Ascii(byte[] bytes, int at) => System.Text.Encoding.ASCII.GetString(bytes, at, 4);
}
