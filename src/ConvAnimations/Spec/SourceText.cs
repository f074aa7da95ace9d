using System.Buffers;
using System.Text.Unicode;

namespace ConvAnimations.Spec;

/// <summary>A figures file's bytes as text: refused with a clear message when missing, a directory, unreadable, too large or not UTF-8.</summary>
internal static class SourceText
{
    public static string? Read(string path, List<SpecError> errors)
    {
        string? Fail(string message)
        {
            errors.Add(new SpecError(SourceLocation.WholeFile(path), null, message));
            return null;
        }

        if (Directory.Exists(path)) return Fail("is a directory: give the path of a figures file (YAML)");
        var bytes = new MemoryStream();
        try
        {
            using var stream = File.OpenRead(path);
            // Read in chunks, never past the limit: the file may be a pipe or a device that never ends.
            var chunk = new byte[81920];
            int count;
            while ((count = stream.Read(chunk)) > 0)
            {
                if (bytes.Length + count > FigureFileReader.MaxFileBytes) return Fail(FigureFileReader.TooLarge);
                bytes.Write(chunk, 0, count);
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Fail("no such file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return Fail($"cannot read the file: {e.Message}");
        }
        return Decode(bytes.GetBuffer().AsSpan(0, (int)bytes.Length), path, errors);
    }

    /// <summary>UTF-8 to text without replacing anything: the first invalid byte is an error at its line and column.</summary>
    public static string? Decode(ReadOnlySpan<byte> bytes, string path, List<SpecError> errors)
    {
        if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        if (Utf8.IsValid(bytes)) return System.Text.Encoding.UTF8.GetString(bytes);
        var chars = new char[bytes.Length];
        Utf8.ToUtf16(bytes, chars, out var read, out var written, replaceInvalidSequences: false);
        var (line, column) = PositionAfter(chars.AsSpan(0, written));
        errors.Add(new SpecError(new SourceLocation(path, line, column), null,
            $"not UTF-8 text: byte 0x{bytes[read]:X2} is not a valid UTF-8 character here; save the file as UTF-8 (a Latin-1 or UTF-16 file cannot be read)"));
        return null;
    }

    /// <summary>
    /// The line and column just after <paramref name="text"/>, counted as YAML counts them (CR LF, CR, LF, NEL, LS and
    /// PS each end a line), so every error's place agrees with the YAML library's.
    /// </summary>
    public static (int Line, int Column) PositionAfter(ReadOnlySpan<char> text)
    {
        var breaks = text.Count('\n') + text.Count('\r') - text.Count("\r\n") + text.Count('\u0085') + text.Count('\u2028') + text.Count('\u2029');
        return (1 + breaks, text.Length - text.LastIndexOfAny("\r\n\u0085\u2028\u2029"));
    }
}
