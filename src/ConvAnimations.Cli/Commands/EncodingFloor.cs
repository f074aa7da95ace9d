using System.Diagnostics;
using ConvAnimations.Encoding;
using ConvAnimations.Preparation;
using ConvAnimations.Pipeline;
using ConvAnimations.Rendering;
using ConvAnimations.Writers;

namespace ConvAnimations.Cli.Commands;

/// <summary>
/// The floor of a render: ffmpeg alone doing the same encoding (the same batches, command lines and parallelism)
/// from frames rendered beforehand into memory (files in /dev/shm). Only ffmpeg is timed.
/// </summary>
internal static class EncodingFloor
{
    public static async Task<TimeSpan> MeasureAsync(IReadOnlyList<PreparedFigure> figures, string outDir, int jobs)
    {
        Directory.CreateDirectory(outDir);
        var memory = Directory.CreateDirectory(Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"convanim-floor-{Guid.NewGuid():N}")).FullName;
        var prepared = new List<(EncodingJob Job, string Frames)>();
        var renderers = new List<SceneRenderer>();
        try
        {
            var batches = RenderPipeline.Plan(figures, jobs)
                .Select(batch => (Items: batch.Items.Select(figure => Prepare(figure, outDir, memory, prepared, renderers)).ToList(), batch.Large)).ToList();
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = jobs }, async (batch, token) =>
            {
                if (batch is { Large: true, Items: [var (large, frames)] })
                {
                    // As the pipeline does: the GIF (palette pass, then encoding) and the MP4 side by side.
                    await Task.WhenAll(large.Files.Select(async file =>
                    {
                        var job = large with { Files = [file] };
                        string? palette = null;
                        if (job.UsesPalette)
                        {
                            palette = frames + ".png";
                            await RunAsync(FfmpegEncoder.StandalonePaletteArguments(job, frames, palette), token);
                        }
                        await RunAsync(FfmpegEncoder.StandaloneArguments([job], [frames], [palette]), token);
                    }));
                    return;
                }
                await RunAsync(FfmpegEncoder.StandaloneArguments(batch.Items.Select(b => b.Job).ToList(), batch.Items.Select(b => b.Frames).ToList(), batch.Items.Select(_ => (string?)null).ToList()), token);
            });
            return clock.Elapsed;
        }
        finally
        {
            foreach (var renderer in renderers) renderer.Dispose();
            Directory.Delete(memory, recursive: true);
        }
    }

    private static (EncodingJob Job, string Frames) Prepare(PreparedFigure figure, string outDir, string memory, List<(EncodingJob, string)> prepared, List<SceneRenderer> renderers)
    {
        var scene = figure.Scene;
        var renderer = new SceneRenderer(scene);
        renderers.Add(renderer);
        var sequence = new RasterFrames(renderer, scene);
        var frames = Path.Combine(memory, figure.Name + ".raw");
        using (var file = File.Create(frames))
        {
            var bytes = new byte[((IFrameSequence)sequence).FrameBytes];
            for (var i = 0; i < sequence.Count; i++)
            {
                sequence.Write(i, bytes);
                file.Write(bytes);
            }
        }
        var files = FigureOutputs.Of(figure.Figure, outDir).OfType<AnimationTarget>().Select(t => new EncodedFile(t.Format, t.Path)).ToList();
        prepared.Add((new EncodingJob(sequence, figure.Figure.FrameMs, files), frames));
        return prepared[^1];
    }

    private static async Task RunAsync(string arguments, CancellationToken token)
    {
        using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg", arguments) { UseShellExecute = false, RedirectStandardInput = true })!;
        ffmpeg.StandardInput.Close();
        await ffmpeg.WaitForExitAsync(token);
        if (ffmpeg.ExitCode != 0) throw new InvalidOperationException($"ffmpeg {arguments} failed with exit code {ffmpeg.ExitCode}");
    }
}
