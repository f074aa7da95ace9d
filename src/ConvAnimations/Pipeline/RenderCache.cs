using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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

    /// <summary>The tool's build (the module id changes with any code change) and every field of the figure.</summary>
    public static string KeyOf(Figure figure)
    {
        var text = new StringBuilder()
            .Append(typeof(RenderCache).Assembly.ManifestModule.ModuleVersionId).Append('|')
            .Append(figure.Name).Append('|').Append(figure.Title).Append('|').Append(figure.Kind).Append('|')
            .Append(figure.Geometry).Append('|').Append(figure.FrameMs).Append('|')
            .AppendJoin(',', figure.Formats).Append('|')
            .Append(figure.Scale.ToString("R", CultureInfo.InvariantCulture)).Append('|').Append(figure.Style).Append('|');
        if (figure.Values is { } values)
        {
            AppendMatrix(text, values.Input);
            if (values.Kernel is { } kernel) AppendMatrix(text, kernel);
        }
        return Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static void AppendMatrix(StringBuilder text, double[,] matrix)
    {
        text.Append(matrix.GetLength(0)).Append('x').Append(matrix.GetLength(1)).Append(':');
        foreach (var value in matrix) text.Append(value.ToString("R", CultureInfo.InvariantCulture)).Append(',');
        text.Append('|');
    }
}
