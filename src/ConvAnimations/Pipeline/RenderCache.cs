using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ConvAnimations.Encoding;
using ConvAnimations.Spec;

namespace ConvAnimations.Pipeline;

/// <summary>
/// Remembers, per output directory, each figure's last complete render: its key (a hash of everything that decides its
/// pixels, the figure's spec and the tool's build) and the files it wrote, with their size and time. A figure is
/// unchanged only when its key is the same and its files are still those files, so no sequence of kills, edits and
/// hand-made changes can make a figure's files disagree with what the cache says; and a render removes only files it
/// recorded writing. Each figure's record is a file of its own (<c>.convanim-cache/NAME.json</c>), written in the same
/// step as its files: marked unfinished, listing its old and new files, before any of them is replaced, and complete
/// once all of them are in place.
/// </summary>
public sealed class RenderCache
{
    public const string FolderName = ".convanim-cache";

    /// <summary>The single file earlier versions kept every key in, without the files: it is not trusted and goes.</summary>
    private const string LegacyFileName = ".convanim-cache.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly string _directory;

    private RenderCache(string directory) => _directory = directory;

    public static RenderCache Load(string directory)
    {
        OutputFiles.TryDelete(Path.Combine(directory, LegacyFileName));
        return new RenderCache(directory);
    }

    /// <summary>Whether <paramref name="files"/> are what the last render of the figure with this key wrote, unchanged since.</summary>
    public bool IsCurrent(string name, string key, IReadOnlyList<string> files) =>
        Read(name) is { Key: { } known } record && known == key
        && record.Files.Select(f => f.Path).Order(StringComparer.Ordinal).SequenceEqual(files.Select(Relative).Order(StringComparer.Ordinal))
        && record.Files.All(IsAsWritten);

    /// <summary>
    /// Puts a figure's <paramref name="files"/> in place with <paramref name="move"/>, recording them as it goes: first
    /// its record is marked unfinished with its old and new files, then they are moved, then the files of its last render
    /// that are not among the new ones are removed (when unchanged since written), then the record is completed. A kill
    /// at any moment leaves a record that does not call the figure current and still names every file to clean up.
    /// </summary>
    public void Replace(string name, string key, IReadOnlyList<string> files, Action move)
    {
        var paths = files.Select(Relative).ToHashSet(StringComparer.Ordinal);
        var old = (Read(name)?.Files ?? []).Where(f => !paths.Contains(f.Path)).ToList();
        Write(name, new Record(null, [.. old, .. paths.Select(p => new WrittenFile(p, null, null))]));
        move();
        foreach (var stale in old.Where(IsAsWritten)) OutputFiles.TryDelete(Path.Combine(_directory, stale.Path));
        Write(name, new Record(key, paths.Select(Stat).ToList()));
    }

    /// <summary>A file as the record has it: its size and time, or none while its render had not finished.</summary>
    private sealed record WrittenFile(string Path, long? Size, long? Time);

    /// <param name="Key">The key of the render that wrote <paramref name="Files"/>, or null while it had not finished.</param>
    private sealed record Record(string? Key, IReadOnlyList<WrittenFile> Files);

    private string RecordPath(string name) => Path.Combine(_directory, FolderName, name + ".json");

    private string Relative(string path) => Path.GetRelativePath(_directory, path).Replace(Path.DirectorySeparatorChar, '/');

    private WrittenFile Stat(string relative)
    {
        var file = new FileInfo(Path.Combine(_directory, relative));
        return new WrittenFile(relative, file.Length, file.LastWriteTimeUtc.Ticks);
    }

    /// <summary>Whether a file is as it was written: present, and (when the record knows them) of the same size and time.</summary>
    private bool IsAsWritten(WrittenFile file)
    {
        var now = new FileInfo(Path.Combine(_directory, file.Path));
        return now.Exists && (file.Size is null || (now.Length == file.Size && now.LastWriteTimeUtc.Ticks == file.Time));
    }

    private Record? Read(string name)
    {
        try
        {
            var record = JsonSerializer.Deserialize<Record>(File.ReadAllText(RecordPath(name)), Json);
            // A record edited by hand may hold anything JSON allows; a path leaving the folder is not one of ours.
            return record is { Files: not null } && record.Files.All(f => f is { Path: not null } && IsInside(f.Path)) ? record : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private bool IsInside(string relative) =>
        !Path.IsPathRooted(relative) && Path.GetFullPath(Path.Combine(_directory, relative)).StartsWith(Path.GetFullPath(_directory) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Writes a record whole or not at all; a record that cannot be written fails the figure (its files stay unrecorded).</summary>
    private void Write(string name, Record record)
    {
        Directory.CreateDirectory(Path.Combine(_directory, FolderName));
        OutputFiles.WriteAtomically(RecordPath(name), JsonSerializer.Serialize(record, Json));
    }

    /// <summary>
    /// What besides the figure decides the files: the tool's build (its module id changes with any change of its code
    /// or of the libraries it was built against) and the ffmpeg it runs (its executable's path, size and time, which
    /// change when ffmpeg is upgraded). Computed once a run.
    /// </summary>
    public static string ToolIdentity()
    {
        var ffmpeg = FfmpegEncoder.Executable() is { } path ? new FileInfo(path) : null;
        var target = ffmpeg?.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? ffmpeg;
        return string.Create(CultureInfo.InvariantCulture,
            $"{typeof(RenderCache).Assembly.ManifestModule.ModuleVersionId}|ffmpeg {target?.FullName} {(target?.Exists == true ? $"{target.Length} {target.LastWriteTimeUtc.Ticks}" : "none")}");
    }

    /// <summary>
    /// A hash of <paramref name="tool"/> and of a canonical text of the whole figure (every field of its record and of
    /// the records it holds, found by reflection), so a field added later is part of the key without anyone listing it.
    /// </summary>
    public static string KeyOf(Figure figure, string tool) =>
        Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(tool + "\n" + Canonical.Write(figure))));
}
