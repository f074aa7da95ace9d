namespace ConvAnimations.Encoding;

/// <summary>
/// A GIF's structure, read block by block: size, the delay of every frame, the loop count of the NETSCAPE2.0
/// extension, and the global palette's size. Reading fails on a truncated or malformed file.
/// </summary>
public sealed record GifFile(int Width, int Height, IReadOnlyList<int> DelaysCs, int? LoopCount, int GlobalColours)
{
    public int FrameCount => DelaysCs.Count;

    public static GifFile Read(string path)
    {
        var b = File.ReadAllBytes(path);
        try
        {
            return Parse(b);
        }
        catch (IndexOutOfRangeException)
        {
            throw new InvalidDataException($"{path}: the GIF ends before its trailer");
        }
    }

    private static GifFile Parse(byte[] b)
    {
        if (b.Length < 13 || System.Text.Encoding.ASCII.GetString(b, 0, 6) != "GIF89a") throw new InvalidDataException("not a GIF89a file");
        var width = b[6] | b[7] << 8;
        var height = b[8] | b[9] << 8;
        var pos = 13;
        var globalColours = 0;
        if ((b[10] & 0x80) != 0)
        {
            globalColours = 1 << ((b[10] & 7) + 1);
            pos += 3 * globalColours;
        }
        var delays = new List<int>();
        int? loop = null;
        int? pendingDelay = null;
        while (true)
        {
            var block = b[pos++];
            if (block == 0x3B) break;
            if (block == 0x21)
            {
                var label = b[pos++];
                if (label == 0xF9)
                {
                    pendingDelay = b[pos + 2] | b[pos + 3] << 8;
                }
                else if (label == 0xFF && System.Text.Encoding.ASCII.GetString(b, pos + 1, 11) == "NETSCAPE2.0")
                {
                    loop = b[pos + 12 + 2] | b[pos + 12 + 3] << 8;
                }
                pos = SkipSubBlocks(b, pos);
            }
            else if (block == 0x2C)
            {
                var packed = b[pos + 8];
                pos += 9;
                if ((packed & 0x80) != 0) pos += 3 * (1 << ((packed & 7) + 1));
                pos++; // LZW minimum code size
                pos = SkipSubBlocks(b, pos);
                delays.Add(pendingDelay ?? 0);
                pendingDelay = null;
            }
            else
            {
                throw new InvalidDataException($"unexpected GIF block 0x{block:X2} at {pos - 1}");
            }
        }
        return new GifFile(width, height, delays, loop, globalColours);
    }

    private static int SkipSubBlocks(byte[] b, int pos)
    {
        while (b[pos] != 0) pos += b[pos] + 1;
        return pos + 1;
    }
}
