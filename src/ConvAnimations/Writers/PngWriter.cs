using System.Buffers.Binary;
using System.IO.Compression;

namespace ConvAnimations.Writers;

/// <summary>
/// Writes opaque BGRA pixels as an RGB PNG: each row with the Up filter, deflated by .NET's zlib-ng at its fastest
/// level. Four times faster than SkiaSharp's encoder on the figures' frames (flat colours), for the same size.
/// </summary>
public static class PngWriter
{
    private static readonly uint[] CrcTable = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    public static void Write(Stream stream, ReadOnlySpan<byte> bgra, int width, int height)
    {
        stream.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per channel
        header[9] = 2; // RGB
        Chunk(stream, "IHDR", header);

        if (bgra.Length < width * height * 4) throw new ArgumentException("fewer pixels than width x height", nameof(bgra));
        // Filtered and compressed a band of rows at a time: a large frame needs no second frame-sized buffer.
        var stride = 1 + 3 * width;
        var band = Math.Max(1, BandBytes / stride);
        var rows = new byte[stride * Math.Min(band, height)];
        using var data = new MemoryStream();
        using (var zlib = new ZLibStream(data, CompressionLevel.Fastest, leaveOpen: true))
        {
            for (var y = 0; y < height; y += band)
            {
                var count = Math.Min(band, height - y);
                Filter(bgra, rows, width, y, count);
                zlib.Write(rows, 0, stride * count);
            }
        }
        Chunk(stream, "IDAT", data.GetBuffer().AsSpan(0, (int)data.Length));
        Chunk(stream, "IEND", []);
    }

    private const int BandBytes = 1 << 20;

    /// <summary>Rows <paramref name="first"/> on: each the Up filter's tag, then R, G, B of every pixel minus those of the pixel above it.</summary>
    private static unsafe void Filter(ReadOnlySpan<byte> bgra, byte[] rows, int width, int first, int count)
    {
        var stride = 1 + 3 * width;
        fixed (byte* source = bgra)
        fixed (byte* target = rows)
        {
            for (var y = first; y < first + count; y++)
            {
                var pixel = source + (long)y * width * 4;
                var above = pixel - width * 4;
                var row = target + (y - first) * stride;
                *row++ = 2; // Up
                if (y == 0)
                {
                    for (var x = 0; x < width; x++, pixel += 4, row += 3)
                    {
                        row[0] = pixel[2];
                        row[1] = pixel[1];
                        row[2] = pixel[0];
                    }
                    continue;
                }
                for (var x = 0; x < width; x++, pixel += 4, above += 4, row += 3)
                {
                    row[0] = (byte)(pixel[2] - above[2]);
                    row[1] = (byte)(pixel[1] - above[1]);
                    row[2] = (byte)(pixel[0] - above[0]);
                }
            }
        }
    }

    private static void Chunk(Stream stream, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> head = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(head, data.Length);
        for (var i = 0; i < 4; i++) head[4 + i] = (byte)type[i];
        stream.Write(head);
        stream.Write(data);
        var crc = Crc(0xFFFFFFFFu, head[4..]);
        crc = Crc(crc, data) ^ 0xFFFFFFFFu;
        Span<byte> tail = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(tail, crc);
        stream.Write(tail);
    }

    private static uint Crc(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes) crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }
}
