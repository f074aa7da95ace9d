using ConvAnimations.Encoding;
using ConvAnimations.Preparation;
using ConvAnimations.Rendering;
using ConvAnimations.Spec;
using ConvAnimations.Writers;

namespace ConvAnimations.Pipeline;

public enum FigureOutcome { Rendered, Unchanged, Failed }

public sealed record FigureResult(Figure Figure, FigureOutcome Outcome, string? Error = null);

/// <param name="OnePassPaletteLimit">The bytes of frames above which a GIF's palette is computed in a first pass.</param>
/// <param name="BatchBytes">The most bytes of frames one ffmpeg process takes (a larger figure is alone in its own).</param>
/// <param name="BatchFigures">The most figures one ffmpeg process takes.</param>
/// <param name="Gallery">When set, the gallery page is updated with this file's figures at the end of the run.</param>
public sealed record RenderOptions(
    string OutputDirectory,
    bool Force = false,
    int Parallelism = 0,
    long OnePassPaletteLimit = FfmpegEncoder.OnePassPaletteLimit,
    long BatchBytes = RenderOptions.DefaultBatchBytes,
    int BatchFigures = RenderOptions.DefaultBatchFigures,
    GallerySource? Gallery = null)
{
    /// <summary>
    /// ffmpeg holds a batch's frames until each figure's GIF palette is known, and every figure costs it an encoder
    /// of each format: these bounds keep a process to a few hundred MB however many figures a file has.
    /// </summary>
    public const long DefaultBatchBytes = 64L << 20;

    public const int DefaultBatchFigures = 6;
}

/// <summary>
/// Figures encoded by one ffmpeg process; a large one (its GIF palette computed in a first pass, its GIF and MP4
/// encoded side by side) is alone in its batch.
/// </summary>
public sealed record Batch<T>(IReadOnlyList<T> Items, bool Large);

/// <summary>
/// Renders validated figures into the output directory. Figures whose inputs did not change since their last render
/// are skipped. The others' animations are shared out into batches bounded in bytes of frames and in figures, each
/// encoded by one ffmpeg process, one batch per core at a time, so memory does not grow with the number of figures;
/// at the same time their still pictures (frames and panels) are drawn in-process. Every file is written
/// under a temporary name, and a figure's files are renamed into place together once all of them are complete, so an
/// interrupted run never leaves a truncated output and a figure that fails keeps its previous files.
/// When a batch fails, its figures are encoded again one by one, so one bad figure does not take others down.
/// </summary>
public static class RenderPipeline
{
    /// <summary>What starting an ffmpeg process costs, in bytes of frames encoded in the same time (measured here).</summary>
    private const long ProcessCost = 8L << 20;

    /// <summary>How long a failed encoding waits for a cancellation that may be on its way (see <see cref="EncodeAsync"/>).</summary>
    private static readonly TimeSpan InterruptionGrace = TimeSpan.FromMilliseconds(250);

    public static async Task<IReadOnlyList<FigureResult>> RunAsync(
        IReadOnlyList<PreparedFigure> figures, RenderOptions options, Action<FigureResult>? onDone = null, Action? onFrame = null,
        CancellationToken cancellationToken = default)
    {
        // ffmpeg only when a requested format needs it (stills alone render without it), checked before the folder is touched.
        if (figures.Any(f => f.Figure.Formats.Any(FigureOutputs.NeedsFfmpeg)) && !FfmpegEncoder.IsInstalled()) throw new EncodingException(FfmpegEncoder.MissingFfmpeg);
        OutputFiles.PrepareDirectory(options.OutputDirectory);
        using var writing = OutputLock.Acquire(options.OutputDirectory);
        var cache = RenderCache.Load(options.OutputDirectory);
        var results = new FigureResult?[figures.Count];
        var pending = new List<Work>();
        var tool = RenderCache.ToolIdentity();
        for (var i = 0; i < figures.Count; i++)
        {
            var work = new Work(i, figures[i], RenderCache.KeyOf(figures[i].Figure, tool), options.OutputDirectory);
            if (!options.Force && cache.IsCurrent(work.Figure.Name, work.Key, work.Targets.Select(t => t.Path).ToList()))
            {
                results[i] = new FigureResult(work.Figure, FigureOutcome.Unchanged);
                onDone?.Invoke(results[i]!);
            }
            else
            {
                pending.Add(work);
            }
        }

        void Complete(Work work, string? error)
        {
            if (work.Finish(error, cache) is not { } result) return;
            results[work.Index] = result;
            onDone?.Invoke(result);
        }

        var parallelism = options.Parallelism > 0 ? options.Parallelism : Environment.ProcessorCount;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        var animations = pending.Where(w => w.Animations.Count > 0).ToList();
        try
        {
            var encoding = Parallel.ForEachAsync(Batches(animations, parallelism, options), parallel, async (batch, token) =>
            {
                var errors = await EncodeAsync(batch, onFrame, token).ConfigureAwait(false);
                if (batch.Items.Count > 1 && errors.Any(e => e is not null))
                {
                    errors = [];
                    foreach (var work in batch.Items) errors.AddRange(await EncodeAsync(new Batch<Work>([work], false), onFrame: null, token).ConfigureAwait(false));
                }
                foreach (var (work, error) in batch.Items.Zip(errors)) Complete(work, error);
            });
            // Stills and documents are drawn beside the encoding; a figure's frames count once, from its animations if it has any.
            var drawing = Parallel.ForEachAsync(pending.Where(w => w.Drawn.Count > 0).OrderByDescending(w => w.FrameBytes), parallel, (work, token) =>
            {
                Complete(work, WriteDrawn(work, work.Animations.Count == 0 ? onFrame : null, token));
                return ValueTask.CompletedTask;
            });
            await Task.WhenAll(encoding, drawing).ConfigureAwait(false);
        }
        finally
        {
            // Also when interrupted: the figures finished so far need not be rendered again, and are shown; what the
            // others had written is removed.
            foreach (var work in pending) work.Discard();
            if (options.Gallery is { } gallery) WriteGallery(options.OutputDirectory, gallery, results);
        }
        return results.Select(r => r!).ToList();
    }

    /// <summary>
    /// The gallery with the figures rendered or unchanged in this run; any other figure (failed, interrupted, not
    /// selected) keeps what the page showed of it before.
    /// </summary>
    private static void WriteGallery(string directory, GallerySource gallery, IReadOnlyList<FigureResult?> results)
    {
        var current = results.Where(r => r?.Outcome is FigureOutcome.Rendered or FigureOutcome.Unchanged).Select(r => r!.Figure.Name).ToHashSet();
        try
        {
            Gallery.Write(directory, gallery.Name, gallery.Figures, keep: gallery.Figures.Select(f => f.Name).Where(n => !current.Contains(n)).ToHashSet(), gallery.Notice);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The figures' files are in place; a page that cannot be written is written by the next run.
            gallery.Notice?.Invoke($"the gallery page could not be written: {e.Message}");
        }
    }

    /// <summary>A figure to render, with the files it writes and what is left of it to do.</summary>
    private sealed class Work(int index, PreparedFigure prepared, string key, string directory)
    {
        private readonly List<string> _errors = [];
        private readonly List<(string Temporary, string Path)> _staged = [];
        private readonly Lock _lock = new();
        private int _parts = -1;

        public int Index => index;
        public PreparedFigure Prepared => prepared;
        public Figure Figure => prepared.Figure;
        public string Key => key;
        public IReadOnlyList<Target> Targets { get; } = FigureOutputs.Of(prepared.Figure, directory);
        public IReadOnlyList<AnimationTarget> Animations => field ??= Targets.OfType<AnimationTarget>().ToList();
        public IReadOnlyList<DrawnTarget> Drawn => field ??= Targets.OfType<DrawnTarget>().ToList();

        /// <summary>The bytes of its frames, the measure of its cost.</summary>
        public long FrameBytes => field == 0 ? field = FigureCost.Of(prepared).FrameBytes : field;

        /// <summary>A complete file of the figure under its temporary name, put in place with the others by <see cref="Finish"/>.</summary>
        public void Stage(string temporary, string path)
        {
            lock (_lock) _staged.Add((temporary, path));
        }

        /// <summary>
        /// Records one finished part (its animations, its stills); once every part is in, puts the figure's files in
        /// place if all succeeded (else its previous files stay), recording them in <paramref name="cache"/>, and
        /// returns its result.
        /// </summary>
        public FigureResult? Finish(string? error, RenderCache cache)
        {
            lock (_lock)
            {
                if (_parts < 0) _parts = (Animations.Count > 0 ? 1 : 0) + (Drawn.Count > 0 ? 1 : 0);
                if (error is not null) _errors.Add(error);
                if (--_parts > 0) return null;
                if (_errors.Count == 0) Commit(cache);
                Discard();
                return _errors.Count == 0
                    ? new FigureResult(Figure, FigureOutcome.Rendered)
                    : new FigureResult(Figure, FigureOutcome.Failed, string.Join("; ", _errors));
            }
        }

        private void Commit(RenderCache cache)
        {
            try
            {
                // The one failure a rename in its own folder can meet, checked before any file is replaced.
                if (_staged.FirstOrDefault(f => Directory.Exists(f.Path)).Path is { } blocked) throw new IOException($"{blocked} is a directory");
                // The files of its last render it no longer writes (frames beyond its count, formats dropped) go.
                cache.Replace(Figure.Name, Key, Targets.Select(t => t.Path).ToList(), () =>
                {
                    foreach (var (temporary, path) in _staged) File.Move(temporary, path, overwrite: true);
                });
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _errors.Add(e.Message);
            }
        }

        /// <summary>Removes the staged temporaries not put in place (all of them when the figure failed or was interrupted).</summary>
        public void Discard()
        {
            lock (_lock)
            {
                foreach (var (temporary, _) in _staged) OutputFiles.TryDelete(temporary);
                _staged.Clear();
            }
        }
    }

    /// <summary>How <see cref="RunAsync"/> shares figures out into ffmpeg processes, for measuring the same encoding alone.</summary>
    public static IReadOnlyList<Batch<PreparedFigure>> Plan(IReadOnlyList<PreparedFigure> figures, int parallelism) =>
        Batches(figures.Select((f, i) => new Work(i, f, "", "")).Where(w => w.Animations.Count > 0).ToList(), parallelism, new RenderOptions(""))
            .Select(b => new Batch<PreparedFigure>(b.Items.Select(w => w.Prepared).ToList(), b.Large)).ToList();

    /// <summary>
    /// Batches balanced by cost (heaviest figure first, each to the lightest batch), at least one per core, each within
    /// <see cref="RenderOptions.BatchBytes"/> and <see cref="RenderOptions.BatchFigures"/>, the heaviest batch first;
    /// a figure large enough to need its GIF palette in a first pass is a batch of its own.
    /// </summary>
    private static List<Batch<Work>> Batches(List<Work> pending, int parallelism, RenderOptions options)
    {
        var batches = new List<(Batch<Work> Batch, long Cost)>();
        var shared = new List<(List<Work> Items, long Bytes)>();
        var lightest = new PriorityQueue<int, long>();
        var small = pending.Where(w => w.FrameBytes <= options.OnePassPaletteLimit).ToList();
        var smallBytes = small.Sum(w => w.FrameBytes);
        var count = (int)Math.Min(small.Count, Math.Max(parallelism, Math.Max(
            (smallBytes + options.BatchBytes - 1) / options.BatchBytes, (small.Count + options.BatchFigures - 1) / options.BatchFigures)));
        void Open()
        {
            shared.Add(([], 0));
            lightest.Enqueue(shared.Count - 1, 0);
        }
        for (var i = 0; i < count; i++) Open();
        foreach (var work in pending.OrderByDescending(w => w.FrameBytes))
        {
            var bytes = work.FrameBytes;
            if (bytes > options.OnePassPaletteLimit)
            {
                batches.Add((new Batch<Work>([work], Large: true), bytes + ProcessCost));
                continue;
            }
            var n = lightest.Dequeue();
            if (shared[n].Items.Count >= options.BatchFigures || (shared[n].Items.Count > 0 && shared[n].Bytes + bytes > options.BatchBytes))
            {
                lightest.Enqueue(n, shared[n].Bytes + ProcessCost * shared[n].Items.Count);
                Open();
                n = lightest.Dequeue();
            }
            shared[n].Items.Add(work);
            shared[n] = (shared[n].Items, shared[n].Bytes + bytes);
            lightest.Enqueue(n, shared[n].Bytes + ProcessCost * shared[n].Items.Count);
        }
        batches.AddRange(shared.Where(b => b.Items.Count > 0).Select(b => (new Batch<Work>(b.Items, Large: false), b.Bytes + ProcessCost * b.Items.Count)));
        return batches.OrderByDescending(b => b.Cost).Select(b => b.Batch).ToList();
    }

    /// <summary>Encodes a batch's animations; per figure, null or what went wrong.</summary>
    private static async Task<List<string?>> EncodeAsync(Batch<Work> batch, Action? onFrame, CancellationToken token)
    {
        var renderers = new List<SceneRenderer>();
        var jobs = new List<EncodingJob>();
        var staged = false;
        EncodingJob NewJob(Work work, IEnumerable<AnimationTarget> targets)
        {
            var scene = work.Prepared.Scene;
            var renderer = new SceneRenderer(scene);
            renderers.Add(renderer);
            var job = new EncodingJob(new RasterFrames(renderer, scene), work.Figure.FrameMs,
                targets.Select(t => new EncodedFile(t.Format, OutputFiles.TemporaryPathOf(t.Path))).ToList());
            jobs.Add(job);
            return job;
        }

        try
        {
            if (batch is { Large: true, Items: [var large] })
            {
                // A large figure is alone in its batch: each of its formats is encoded side by side from its own
                // stream of frames (the GIF after its palette pass), to use every core.
                var formats = large.Animations.Select(t => NewJob(large, [t])).ToList();
                await Task.WhenAll(formats.Select(async (job, n) =>
                {
                    if (job.UsesPalette) job = job with { Palette = await FfmpegEncoder.PaletteAsync(job, token).ConfigureAwait(false) };
                    await FfmpegEncoder.EncodeAsync([job], token, n == 0 ? onFrame : null).ConfigureAwait(false);
                })).ConfigureAwait(false);
            }
            else
            {
                await FfmpegEncoder.EncodeAsync(batch.Items.Select(w => NewJob(w, w.Animations)).ToList(), token, onFrame).ConfigureAwait(false);
            }

            var written = jobs.SelectMany(j => j.Files).Zip(batch.Items.SelectMany(w => w.Animations.Select(t => (Work: w, Target: t)))).ToList();
            foreach (var (file, (work, _)) in written)
            {
                if (Problem(file, work.Figure.FrameCount) is { } problem)
                {
                    throw new EncodingException($"ffmpeg reported success but wrote an incomplete {file.Format.Name} ({problem}); is the disk full?");
                }
            }
            foreach (var (file, (work, target)) in written) work.Stage(file.Path, target.Path);
            staged = true;
            return batch.Items.Select(_ => (string?)null).ToList();
        }
        catch (Exception e) when (e is EncodingException or IOException or UnauthorizedAccessException)
        {
            // ffmpeg stopped by a cancellation, or by the same Ctrl-C (a terminal signals the whole process group)
            // an instant before the tool saw it, fails the same way: that is the interruption, not the figures' fault.
            if (token.WaitHandle.WaitOne(InterruptionGrace)) throw new OperationCanceledException(token);
            return batch.Items.Select(_ => (string?)e.Message).ToList();
        }
        finally
        {
            if (!staged)
            {
                foreach (var file in jobs.SelectMany(j => j.Files)) OutputFiles.TryDelete(file.Path);
            }
            foreach (var renderer in renderers) renderer.Dispose();
        }
    }

    private static string? Problem(EncodedFile file, int frames)
    {
        try
        {
            return file.Format.Problem(file.Path, frames);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return e.Message;
        }
    }

    /// <summary>Draws a figure's still pictures into staged temporaries (see <see cref="Work.Stage"/>); null or what went wrong.</summary>
    private static string? WriteDrawn(Work work, Action? onFrame, CancellationToken token)
    {
        try
        {
            using var renderer = new SceneRenderer(work.Prepared.Scene);
            var drawing = new Drawing(work.Prepared, renderer);
            var counted = work.Drawn.OfType<FrameTarget>().FirstOrDefault()?.Format;
            foreach (var target in work.Drawn)
            {
                token.ThrowIfCancellationRequested();
                Directory.CreateDirectory(Path.GetDirectoryName(target.Path)!);
                work.Stage(OutputFiles.WriteTemporary(target.Path, stream => target.Write(stream, drawing)), target.Path);
                if (target is FrameTarget frame && frame.Format == counted) onFrame?.Invoke();
            }
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }
}
