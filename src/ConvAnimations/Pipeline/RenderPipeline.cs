using ConvAnimations.Encoding;
using ConvAnimations.Layout;
using ConvAnimations.Rendering;
using ConvAnimations.Spec;

namespace ConvAnimations.Pipeline;

public enum FigureOutcome { Rendered, Unchanged, Failed }

public sealed record FigureResult(Figure Figure, FigureOutcome Outcome, TimeSpan Elapsed, string? Error = null);

public sealed record RenderOptions(string OutputDirectory, bool Force = false, int Parallelism = 0);

/// <summary>
/// Renders validated figures into the output directory: figures in parallel (one per core), each encoded by one
/// ffmpeg process into temporary files that are renamed only when complete, so an interrupted run never leaves a
/// truncated output behind. Figures whose inputs did not change since their last render are skipped.
/// </summary>
public static class RenderPipeline
{
    public static async Task<IReadOnlyList<FigureResult>> RunAsync(
        IReadOnlyList<Figure> figures, RenderOptions options, Action<FigureResult>? onDone = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(options.OutputDirectory);
        OutputFiles.RemoveStaleTemporaries(options.OutputDirectory);
        var cache = RenderCache.Load(options.OutputDirectory);
        var results = new FigureResult[figures.Count];
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = options.Parallelism > 0 ? options.Parallelism : Environment.ProcessorCount,
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(Enumerable.Range(0, figures.Count), parallel, async (i, token) =>
        {
            var result = await RenderOneAsync(figures[i], options, cache, token).ConfigureAwait(false);
            results[i] = result;
            onDone?.Invoke(result);
        }).ConfigureAwait(false);
        cache.Save();
        return results;
    }

    private static async Task<FigureResult> RenderOneAsync(Figure figure, RenderOptions options, RenderCache cache, CancellationToken token)
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        var targets = figure.Formats.Select(f => new EncodedFile(f, OutputFiles.PathOf(options.OutputDirectory, figure.Name, f))).ToList();
        var key = RenderCache.KeyOf(figure);
        if (!options.Force && cache.IsCurrent(figure.Name, key) && targets.All(t => File.Exists(t.Path)))
        {
            return new FigureResult(figure, FigureOutcome.Unchanged, started.Elapsed);
        }

        var temporaries = targets.Select(t => t with { Path = OutputFiles.TemporaryPathOf(t.Path) }).ToList();
        try
        {
            var animation = Layouter.Layout(figure);
            using var renderer = new FrameRenderer(animation);
            await FfmpegEncoder.EncodeAsync(renderer, figure.FrameMs, temporaries, token).ConfigureAwait(false);
            for (var i = 0; i < targets.Count; i++) File.Move(temporaries[i].Path, targets[i].Path, overwrite: true);
            cache.Record(figure.Name, key);
            return new FigureResult(figure, FigureOutcome.Rendered, started.Elapsed);
        }
        catch (Exception e) when (e is EncodingException or IOException or UnauthorizedAccessException)
        {
            return new FigureResult(figure, FigureOutcome.Failed, started.Elapsed, e.Message);
        }
        finally
        {
            foreach (var temporary in temporaries) OutputFiles.TryDelete(temporary.Path);
        }
    }
}
