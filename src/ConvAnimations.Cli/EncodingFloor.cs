using System.Diagnostics;
using ConvAnimations.Encoding;
using ConvAnimations.Layout;
using ConvAnimations.Pipeline;
using ConvAnimations.Rendering;
using ConvAnimations.Spec;

namespace ConvAnimations.Cli;

/// <summary>
/// The floor of a render: ffmpeg alone doing the same encoding (the same batches, command lines and parallelism)
/// from frames rendered beforehand into memory (files in /dev/shm). Only ffmpeg is timed.
/// </summary>
internal static class EncodingFloor
{
    public static async Task<TimeSpan> MeasureAsync(IReadOnlyList<Figure> figures, string outDir, int jobs)
    {
        Directory.CreateDirectory(outDir);
        var memory = Directory.CreateDirectory(Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), $"convanim-floor-{Guid.NewGuid():N}")).FullName;
        try
        {
            var batches = RenderPipeline.Plan(figures, jobs).Select(batch => batch.Select(figure => Prepare(figure, outDir, memory)).ToList()).ToList();
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = jobs }, async (batch, token) =>
            {
                if (batch is [var (large, frames)] && large.FrameBytes > FfmpegEncoder.OnePassPaletteLimit)
                {
                    // As the pipeline does: the GIF (palette pass, then encoding) and the MP4 side by side.
                    await Task.WhenAll(large.Files.Select(async file =>
                    {
                        var job = large with { Files = [file] };
                        string? palette = null;
                        if (job.WritesGif)
                        {
                            palette = frames + ".png";
                            await RunAsync(FfmpegEncoder.StandalonePaletteArguments(job, frames, palette), token);
                            job = job with { Palette = [] }; // read from the file: only its presence shapes the command
                        }
                        await RunAsync(FfmpegEncoder.StandaloneArguments([job], [frames], [palette]), token);
                    }));
                    return;
                }
                await RunAsync(FfmpegEncoder.StandaloneArguments(batch.Select(b => b.Job).ToList(), batch.Select(b => b.Frames).ToList(), batch.Select(_ => (string?)null).ToList()), token);
            });
            foreach (var job in batches.SelectMany(b => b)) job.Job.Renderer.Dispose();
            return clock.Elapsed;
        }
        finally
        {
            Directory.Delete(memory, recursive: true);
        }
    }

    private static (EncodingJob Job, string Frames) Prepare(Figure figure, string outDir, string memory)
    {
        var renderer = new FrameRenderer(Layouter.Layout(figure));
        var frames = Path.Combine(memory, figure.Name + ".raw");
        using (var file = File.Create(frames))
        using (var bitmap = renderer.NewBitmap())
        {
            for (var i = 0; i < renderer.FrameCount; i++)
            {
                renderer.Render(bitmap, i);
                file.Write(bitmap.GetPixelSpan());
            }
        }
        var files = figure.Formats.Select(f => new EncodedFile(f, OutputFiles.PathOf(outDir, figure.Name, f))).ToList();
        return (new EncodingJob(renderer, figure.FrameMs, files), frames);
    }

    private static async Task RunAsync(string arguments, CancellationToken token)
    {
        using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg", arguments) { UseShellExecute = false, RedirectStandardInput = true })!;
        ffmpeg.StandardInput.Close();
        await ffmpeg.WaitForExitAsync(token);
        if (ffmpeg.ExitCode != 0) throw new InvalidOperationException($"ffmpeg {arguments} failed with exit code {ffmpeg.ExitCode}");
    }
}
