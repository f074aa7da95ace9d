using ConvAnimations.Encoding;
using ConvAnimations.Layout;
using ConvAnimations.Rendering;
using ConvAnimations.Spec;

namespace ConvAnimations.Pipeline;

public enum FigureOutcome { Rendered, Unchanged, Failed }

public sealed record FigureResult(Figure Figure, FigureOutcome Outcome, string? Error = null);

/// <param name="OnePassPaletteLimit">The bytes of frames above which a GIF's palette is computed in a first pass.</param>
public sealed record RenderOptions(string OutputDirectory, bool Force = false, int Parallelism = 0, long OnePassPaletteLimit = FfmpegEncoder.OnePassPaletteLimit);

/// <summary>
/// Figures encoded by one ffmpeg process; a large one (its GIF palette computed in a first pass, its GIF and MP4
/// encoded side by side) is alone in its batch.
/// </summary>
public sealed record Batch<T>(IReadOnlyList<T> Items, bool Large);

/// <summary>
/// Renders validated figures into the output directory. Figures whose inputs did not change since their last render
/// are skipped; the others are shared out into one batch per core, each batch encoded by one ffmpeg process into
/// temporary files that are renamed only when complete, so an interrupted run never leaves a truncated output. When a
/// batch fails, its figures are encoded again one by one, so one bad figure does not take others down with it.
/// </summary>
public static class RenderPipeline
{
    /// <summary>What starting an ffmpeg process costs, in bytes of frames encoded in the same time (measured here).</summary>
    private const long ProcessCost = 8L << 20;

    public static async Task<IReadOnlyList<FigureResult>> RunAsync(
        IReadOnlyList<Figure> figures, RenderOptions options, Action<FigureResult>? onDone = null, Action? onFrame = null,
        CancellationToken cancellationToken = default)
    {
        OutputFiles.PrepareDirectory(options.OutputDirectory);
        var cache = RenderCache.Load(options.OutputDirectory);
        var results = new FigureResult?[figures.Count];
        var pending = new List<Work>();
        for (var i = 0; i < figures.Count; i++)
        {
            var work = new Work(i, figures[i], RenderCache.KeyOf(figures[i]), options.OutputDirectory);
            if (!options.Force && cache.IsCurrent(work.Figure.Name, work.Key) && work.Targets.All(t => File.Exists(t.Path)))
            {
                results[i] = new FigureResult(work.Figure, FigureOutcome.Unchanged);
                onDone?.Invoke(results[i]!);
            }
            else
            {
                pending.Add(work);
            }
        }
        if (pending.Count > 0 && !FfmpegEncoder.IsInstalled()) throw new EncodingException(FfmpegEncoder.MissingFfmpeg);

        var parallelism = options.Parallelism > 0 ? options.Parallelism : Environment.ProcessorCount;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        try
        {
            await Parallel.ForEachAsync(Batches(pending, parallelism, options.OnePassPaletteLimit), parallel, async (batch, token) =>
            {
                var outcomes = await EncodeAsync(batch, onFrame, token).ConfigureAwait(false);
                if (batch.Items.Count > 1 && outcomes.Any(o => o.Outcome == FigureOutcome.Failed))
                {
                    outcomes = [];
                    foreach (var work in batch.Items) outcomes.AddRange(await EncodeAsync(new Batch<Work>([work], false), onFrame: null, token).ConfigureAwait(false));
                }
                foreach (var (work, result) in batch.Items.Zip(outcomes))
                {
                    if (result.Outcome == FigureOutcome.Rendered) cache.Record(work.Figure.Name, work.Key);
                    results[work.Index] = result;
                    onDone?.Invoke(result);
                }
            }).ConfigureAwait(false);
        }
        finally
        {
            // Also when interrupted: the figures finished so far need not be rendered again.
            cache.Save();
        }
        return results.Select(r => r!).ToList();
    }

    /// <summary>A figure to render, with the files it writes.</summary>
    private sealed record Work(int Index, Figure Figure, string Key, string Directory)
    {
        public IReadOnlyList<EncodedFile> Targets { get; } =
            Figure.Formats.Select(f => new EncodedFile(f, OutputFiles.PathOf(Directory, Figure.Name, f))).ToList();

        public Animation Animation { get; } = Layouter.Layout(Figure);

        /// <summary>The bytes of frames to encode, the measure of its cost.</summary>
        public long FrameBytes => FrameRenderer.FrameBytesOf(Animation);
    }

    /// <summary>How <see cref="RunAsync"/> shares figures out into ffmpeg processes, for measuring the same encoding alone.</summary>
    public static IReadOnlyList<Batch<Figure>> Plan(IReadOnlyList<Figure> figures, int parallelism) =>
        Batches(figures.Select((f, i) => new Work(i, f, "", "")).ToList(), parallelism, FfmpegEncoder.OnePassPaletteLimit)
            .Select(b => new Batch<Figure>(b.Items.Select(w => w.Figure).ToList(), b.Large)).ToList();

    /// <summary>
    /// One batch per core, balanced by cost (longest first, each to the lightest batch); a figure large enough to
    /// need its GIF palette in a first pass is a batch of its own.
    /// </summary>
    private static List<Batch<Work>> Batches(List<Work> pending, int parallelism, long onePassPaletteLimit)
    {
        var batches = new List<(Batch<Work> Batch, long Cost)>();
        var shared = Enumerable.Range(0, parallelism).Select(_ => new List<Work>()).ToList();
        var loads = new long[parallelism];
        foreach (var (work, bytes) in pending.Select(w => (w, w.FrameBytes)).OrderByDescending(w => w.FrameBytes))
        {
            if (bytes > onePassPaletteLimit)
            {
                batches.Add((new Batch<Work>([work], Large: true), bytes + ProcessCost));
                continue;
            }
            var lightest = Array.IndexOf(loads, loads.Min());
            shared[lightest].Add(work);
            loads[lightest] += bytes + ProcessCost;
        }
        batches.AddRange(shared.Select((items, i) => (Batch: new Batch<Work>(items, Large: false), Cost: loads[i])).Where(b => b.Batch.Items.Count > 0));
        return batches.OrderByDescending(b => b.Cost).Select(b => b.Batch).ToList();
    }

    private static async Task<List<FigureResult>> EncodeAsync(Batch<Work> batch, Action? onFrame, CancellationToken token)
    {
        var renderers = new List<FrameRenderer>();
        var jobs = new List<EncodingJob>();
        EncodingJob NewJob(Work work, IEnumerable<EncodedFile> targets)
        {
            var renderer = new FrameRenderer(work.Animation);
            renderers.Add(renderer);
            var job = new EncodingJob(renderer, work.Figure.FrameMs, targets.Select(t => t with { Path = OutputFiles.TemporaryPathOf(t.Path) }).ToList());
            jobs.Add(job);
            return job;
        }

        try
        {
            if (batch is { Large: true, Items: [var large] })
            {
                // A large figure is alone in its batch: its GIF (palette pass, then encoding) and its MP4 are
                // encoded side by side, each from its own stream of frames, to use every core.
                var formats = large.Targets.Select(t => NewJob(large, [t])).ToList();
                await Task.WhenAll(formats.Select(async job =>
                {
                    if (job.WritesGif) job = job with { Palette = await FfmpegEncoder.PaletteAsync(job, token).ConfigureAwait(false) };
                    await FfmpegEncoder.EncodeAsync([job], token, job.WritesGif ? null : onFrame).ConfigureAwait(false);
                })).ConfigureAwait(false);
            }
            else
            {
                await FfmpegEncoder.EncodeAsync(batch.Items.Select(w => NewJob(w, w.Targets)).ToList(), token, onFrame).ConfigureAwait(false);
            }

            var written = jobs.SelectMany(j => j.Files).ToList();
            var targets = batch.Items.SelectMany(w => w.Targets.Select(t => (Target: t, Frames: w.Animation.Frames.Count))).ToList();
            foreach (var (file, (_, frames)) in written.Zip(targets))
            {
                if (OutputCheck.Problem(file, frames) is { } problem)
                {
                    throw new EncodingException($"ffmpeg reported success but wrote an incomplete {OutputFiles.Extension(file.Format).ToUpperInvariant()} ({problem}); is the disk full?");
                }
            }
            foreach (var (file, (target, _)) in written.Zip(targets)) File.Move(file.Path, target.Path, overwrite: true);
            return batch.Items.Select(w => new FigureResult(w.Figure, FigureOutcome.Rendered)).ToList();
        }
        catch (Exception e) when (e is EncodingException or IOException or UnauthorizedAccessException)
        {
            return batch.Items.Select(w => new FigureResult(w.Figure, FigureOutcome.Failed, e.Message)).ToList();
        }
        finally
        {
            foreach (var file in jobs.SelectMany(j => j.Files)) OutputFiles.TryDelete(file.Path);
            foreach (var renderer in renderers) renderer.Dispose();
        }
    }
}
