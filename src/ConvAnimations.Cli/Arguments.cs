namespace ConvAnimations.Cli;

/// <summary>A usage error: exit code 2 with the message and the usage text.</summary>
public sealed class UsageException(string message) : Exception(message);

/// <summary>
/// The command line: positional words and options. Options take one value (<c>--out DIR</c>), several values up to the
/// next option (<c>--only a b</c>), or none (<c>--force</c>).
/// </summary>
public sealed class Arguments
{
    private readonly Dictionary<string, List<string>> _options = [];
    private readonly HashSet<string> _used = [];

    public Arguments(IEnumerable<string> args, IReadOnlySet<string> flags, IReadOnlySet<string> single, IReadOnlySet<string> multi)
    {
        var queue = new Queue<string>(args);
        while (queue.TryDequeue(out var arg))
        {
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--")
            {
                Positional.Add(arg);
                continue;
            }
            var name = arg[2..];
            var values = _options.TryGetValue(name, out var existing) ? existing : _options[name] = [];
            if (flags.Contains(name)) continue;
            if (single.Contains(name))
            {
                if (!queue.TryDequeue(out var value) || value.StartsWith("--", StringComparison.Ordinal)) throw new UsageException($"{arg} needs a value");
                values.Add(value);
                continue;
            }
            if (multi.Contains(name))
            {
                while (queue.TryPeek(out var next) && !next.StartsWith("--", StringComparison.Ordinal)) values.Add(queue.Dequeue());
                if (values.Count == 0) throw new UsageException($"{arg} needs at least one value");
                continue;
            }
            throw new UsageException($"unknown option {arg}");
        }
    }

    public List<string> Positional { get; } = [];

    public bool Flag(string name) => _options.ContainsKey(name);

    public string? Value(string name) => _options.TryGetValue(name, out var values) ? values[^1] : null;

    public IReadOnlyList<string> Values(string name) => _options.TryGetValue(name, out var values) ? values : [];

    public string PositionalAt(int index, string fallback) => Positional.Count > index ? Positional[index] : fallback;

    public void ExpectAtMost(int count)
    {
        if (Positional.Count > count) throw new UsageException($"unexpected argument '{Positional[count]}'");
    }
}
