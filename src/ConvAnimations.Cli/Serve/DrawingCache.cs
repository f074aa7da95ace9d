namespace ConvAnimations.Cli.Serve;

/// <summary>
/// The drawings `serve` keeps between requests (a renderer with its pre-drawn background and a frame buffer), the
/// least recently used let go once together they hold more than a budget of bytes. Without a bound a few large
/// figures viewed once would hold hundreds of MB for as long as the server runs. A drawing in use finishes its frame
/// before it is let go; one drawing larger than the budget is kept alone.
/// </summary>
public sealed class DrawingCache(long budget = DrawingCache.DefaultBudget) : IDisposable
{
    /// <summary>About 30 of the guide's figures at scale 8, or three 10-megapixel frames.</summary>
    public const long DefaultBudget = 128L << 20;

    private readonly Lock _lock = new();
    private readonly LinkedList<Drawing> _recent = [];
    private readonly Dictionary<(object Owner, int Step), LinkedListNode<Drawing>> _kept = [];
    private long _bytes;

    /// <summary>The bytes the kept drawings hold, by their own estimates.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock) return _bytes;
        }
    }

    /// <summary>
    /// Runs <paramref name="draw"/> with the drawing kept for <paramref name="owner"/> at <paramref name="step"/>, made
    /// by <paramref name="create"/> when none is (it holds about <paramref name="bytes"/>), one caller at a time.
    /// </summary>
    public T Use<TDrawing, T>(object owner, int step, long bytes, Func<TDrawing> create, Func<TDrawing, T> draw) where TDrawing : class, IDisposable
    {
        while (true)
        {
            Drawing drawing;
            var evicted = new List<Drawing>();
            lock (_lock)
            {
                if (_kept.TryGetValue((owner, step), out var node))
                {
                    _recent.Remove(node);
                    _recent.AddFirst(node);
                    drawing = node.Value;
                }
                else
                {
                    drawing = new Drawing(owner, step, bytes, create);
                    _kept[(owner, step)] = _recent.AddFirst(drawing);
                    _bytes += bytes;
                }
                while (_bytes > budget && _recent.Last!.Value != drawing) evicted.Add(Remove(_recent.Last.Value));
            }
            foreach (var old in evicted) old.Dispose();
            // Let go by another request between the two locks: made again.
            if (drawing.TryDraw(draw, out var result)) return result;
        }
    }

    /// <summary>Lets go of every drawing of <paramref name="owner"/> (a figure replaced by a reload).</summary>
    public void Forget(object owner)
    {
        List<Drawing> gone;
        lock (_lock) gone = _recent.Where(d => d.Owner == owner).ToList().Select(Remove).ToList();
        foreach (var drawing in gone) drawing.Dispose();
    }

    private Drawing Remove(Drawing drawing)
    {
        _recent.Remove(_kept[(drawing.Owner, drawing.Step)]);
        _kept.Remove((drawing.Owner, drawing.Step));
        _bytes -= drawing.Bytes;
        return drawing;
    }

    public void Dispose()
    {
        List<Drawing> all;
        lock (_lock) all = _recent.ToList().Select(Remove).ToList();
        foreach (var drawing in all) drawing.Dispose();
    }

    /// <summary>One drawing, made at its first use; it reuses its buffers between frames, so one frame at a time.</summary>
    private sealed class Drawing(object owner, int step, long bytes, Func<IDisposable> create) : IDisposable
    {
        private readonly Lock _lock = new();
        private IDisposable? _drawing;
        private bool _disposed;

        public object Owner => owner;
        public int Step => step;
        public long Bytes => bytes;

        public bool TryDraw<TDrawing, T>(Func<TDrawing, T> draw, out T result)
        {
            lock (_lock)
            {
                result = default!;
                if (_disposed) return false;
                result = draw((TDrawing)(_drawing ??= create()));
                return true;
            }
        }

        public void Dispose()
        {
            lock (_lock)
            {
                _disposed = true;
                _drawing?.Dispose();
                _drawing = null;
            }
        }
    }
}
