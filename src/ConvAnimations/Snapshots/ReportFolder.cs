using ConvAnimations.Pipeline;
using SkiaSharp;

namespace ConvAnimations.Snapshots;

/// <summary>
/// The folder a report writes its files into. It must be the report's own: a new or empty folder, or an earlier
/// report's, whose files (listed in <see cref="ManifestName"/>) are all that a new report removes. Nothing else in it
/// is ever touched, so pointing a report at a folder of pictures by mistake loses nothing.
/// </summary>
public sealed class ReportFolder
{
    /// <summary>The files the last report wrote into its folder, one name a line: what the next one may remove.</summary>
    public const string ManifestName = ".convanim-report";

    private readonly List<string> _written = [];

    private ReportFolder(string path) => Path = path;

    public string Path { get; }

    /// <summary>Why a report cannot be written into <paramref name="directory"/>, or null: checked before any work.</summary>
    public static string? Refusal(string directory) =>
        File.Exists(directory) ? $"{directory} is a file: the report needs a folder of its own"
        : Directory.Exists(directory) && !File.Exists(System.IO.Path.Combine(directory, ManifestName)) && Directory.EnumerateFileSystemEntries(directory).Any()
            ? $"{directory} holds files that are not a check report: the report needs a folder of its own (a new or empty one, or an earlier report's)"
            : null;

    /// <summary>Creates the folder, or empties an earlier report's; throws <see cref="IOException"/> when it is not the report's own.</summary>
    public static ReportFolder Open(string directory)
    {
        if (Refusal(directory) is { } refusal) throw new IOException(refusal);
        Directory.CreateDirectory(directory);
        var manifest = System.IO.Path.Combine(directory, ManifestName);
        // Only names the earlier report wrote, and only in its folder: a manifest edited by hand cannot reach out.
        var earlier = File.Exists(manifest) ? File.ReadAllLines(manifest) : [];
        foreach (var old in earlier.Where(n => n.Length > 0 && n == System.IO.Path.GetFileName(n) && n is not "." and not ".."))
        {
            OutputFiles.TryDelete(System.IO.Path.Combine(directory, old));
        }
        var folder = new ReportFolder(directory);
        folder.WriteManifest();
        return folder;
    }

    /// <summary>Saves a picture as <paramref name="file"/> in the folder and returns that name.</summary>
    public string Save(SKBitmap image, string file)
    {
        Record(file);
        SnapshotStore.Save(image, System.IO.Path.Combine(Path, file));
        return file;
    }

    /// <summary>Writes a text file into the folder, whole or not at all.</summary>
    public void Write(string file, string text)
    {
        Record(file);
        OutputFiles.WriteAtomically(System.IO.Path.Combine(Path, file), text);
    }

    // The manifest names a file before it is written: a report that fails halfway leaves nothing the next one keeps.
    private void Record(string file)
    {
        if (_written.Contains(file)) return;
        _written.Add(file);
        WriteManifest();
    }

    private void WriteManifest() => OutputFiles.WriteAtomically(System.IO.Path.Combine(Path, ManifestName), string.Concat(_written.Select(f => f + "\n")));
}
