using ConvAnimations.Preparation;
using ConvAnimations.Pipeline;

namespace ConvAnimations.Cli.Serve;

/// <summary>What the page shows at one moment: the last good figures and the errors of the file as it is now.</summary>
public sealed record PreviewSnapshot(int Generation, IReadOnlyList<PreviewFigure> Figures, IReadOnlyList<string> Errors)
{
    public PreviewFigure? Find(string name) => Figures.FirstOrDefault(f => f.Figure.Name == name);
}

/// <summary>
/// The figures file followed as it changes. Each reload reads the file; a file with errors keeps the last good
/// figures and shows its errors; a good file rebuilds only the figures whose key changed. Readers take the current
/// snapshot; <see cref="Changed"/> completes at the next one.
/// </summary>
public sealed class PreviewState : IDisposable
{
    private readonly string _path;

    /// <summary>The tool's build and ffmpeg, part of a figure's key (see <see cref="RenderCache.KeyOf"/>).</summary>
    private readonly string _tool = RenderCache.ToolIdentity();
    private readonly Lock _lock = new();

    /// <summary>The renderers kept between requests, of every figure, within one budget of memory.</summary>
    private readonly DrawingCache _drawings = new();
    private PreviewSnapshot _current = new(0, [], []);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PreviewState(string path) => _path = path;

    public PreviewSnapshot Current
    {
        get { lock (_lock) return _current; }
    }

    /// <summary>Completes when a reload published a new snapshot.</summary>
    public Task Changed
    {
        get { lock (_lock) return _changed.Task; }
    }

    /// <summary>Reads the file again; returns how many figures were built (changed or new).</summary>
    public int Reload()
    {
        var file = FigureLoader.Load(_path);
        var previous = Current;
        var generation = previous.Generation + 1;
        if (!file.IsValid)
        {
            Publish(previous with { Generation = generation, Errors = file.Errors });
            return 0;
        }
        var built = 0;
        var figures = new List<PreviewFigure>();
        foreach (var figure in file.Figures)
        {
            var key = RenderCache.KeyOf(figure.Figure, _tool);
            if (previous.Find(figure.Name) is { } same && same.Key == key)
            {
                figures.Add(same);
                continue;
            }
            figures.Add(new PreviewFigure(figure, key, generation, _drawings));
            built++;
        }
        Publish(new PreviewSnapshot(generation, figures, []));
        foreach (var gone in previous.Figures.Except(figures)) gone.Dispose();
        return built;
    }

    private void Publish(PreviewSnapshot snapshot)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            _current = snapshot;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.SetResult();
    }

    public void Dispose()
    {
        foreach (var figure in Current.Figures) figure.Dispose();
        _drawings.Dispose();
    }
}
