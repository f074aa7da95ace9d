using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ConvAnimations.Encoding;
using ConvAnimations.Spec;

namespace ConvAnimations.Pipeline;

/// <summary>
/// Remembers, per output directory, the key of each figure's last complete render: a hash of everything that
/// decides its pixels (the figure's spec and the tool's build), so an unchanged figure is not rendered again.
/// </summary>
public sealed class RenderCache
{
    public const string FileName = ".convanim-cache.json";

    private readonly string _path;
    private readonly Dictionary<string, string> _keys;

    private RenderCache(string path, Dictionary<string, string> keys) => (_path, _keys) = (path, keys);

    public static RenderCache Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        try
        {
            var keys = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(path));
            return new RenderCache(path, keys ?? []);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return new RenderCache(path, []);
        }
    }

    public bool IsCurrent(string name, string key)
    {
        lock (_keys) return _keys.TryGetValue(name, out var known) && known == key;
    }

    public void Record(string name, string key)
    {
        lock (_keys) _keys[name] = key;
    }

    public void Save()
    {
        string json;
        lock (_keys) json = JsonSerializer.Serialize(new SortedDictionary<string, string>(_keys, StringComparer.Ordinal));
        try
        {
            OutputFiles.WriteAtomically(_path, json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The outputs are complete; a cache that cannot be written only costs a render next time.
        }
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
