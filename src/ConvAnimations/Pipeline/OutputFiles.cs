namespace ConvAnimations.Pipeline;

/// <summary>Names of output files, and their temporary twins (hidden, in the same directory so a rename is atomic).</summary>
public static partial class OutputFiles
{
    private const string TemporaryPrefix = ".convanim-";
    private const string TemporarySuffix = ".tmp";

    public static string TemporaryPathOf(string path) =>
        Path.Combine(Path.GetDirectoryName(path)!, $"{TemporaryPrefix}{Path.GetFileName(path)}.{Environment.ProcessId}-{Guid.NewGuid():N}{TemporarySuffix}");

    /// <summary>
    /// Creates the output directory and proves it writable before any work, and removes the temporaries of runs
    /// that were killed. Throws <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/> with a clear message.
    /// </summary>
    public static void PrepareDirectory(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = TemporaryPathOf(Path.Combine(directory, "write-test"));
            File.WriteAllBytes(probe, [0]);
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"cannot write to the output directory {directory}: {e.Message}", e);
        }
        RemoveStaleTemporaries(directory);
    }

    /// <summary>Temporaries of a run that was killed (kill -9 leaves no chance to clean up), frame folders included.</summary>
    public static void RemoveStaleTemporaries(string directory)
    {
        // Temporaries are hidden (a leading dot), which EnumerationOptions skip unless told not to.
        var options = new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 1, IgnoreInaccessible = true, AttributesToSkip = 0 };
        foreach (var path in Directory.EnumerateFiles(directory, $"{TemporaryPrefix}*{TemporarySuffix}", options))
        {
            var owner = TemporaryOwner().Match(path);
            if (!owner.Success || !IsRunning(int.Parse(owner.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))) TryDelete(path);
        }
    }

    /// <summary>Writes a whole file or nothing: to a temporary, then renamed over the target.</summary>
    public static void WriteAtomically(string path, string contents) =>
        WriteAtomically(path, stream => stream.Write(System.Text.Encoding.UTF8.GetBytes(contents)));

    /// <summary>Writes a whole file or nothing: <paramref name="write"/> fills a temporary, then it is renamed over the target.</summary>
    public static void WriteAtomically(string path, Action<Stream> write)
    {
        var temporary = WriteTemporary(path, write);
        try
        {
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    /// <summary>Fills a temporary twin of <paramref name="path"/> with <paramref name="write"/> and returns its name; none is left on failure.</summary>
    public static string WriteTemporary(string path, Action<Stream> write)
    {
        var temporary = TemporaryPathOf(path);
        try
        {
            using var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
            write(stream);
            return temporary;
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\.(\d+)-[0-9a-f]{32}\.tmp$")]
    private static partial System.Text.RegularExpressions.Regex TemporaryOwner();

    private static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return false;
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    public static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stale temporary is removed by the next run.
        }
    }
}
