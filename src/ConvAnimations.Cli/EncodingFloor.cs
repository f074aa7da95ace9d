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
                var palettes = new List<string?>();
                foreach (var (job, frames) in batch)
                {
                    string? palette = null;
                    if (job.WritesGif && job.FrameBytes > FfmpegEncoder.OnePassPaletteLimit)
                    {
                        palette = frames + ".png";
                        await RunAsync(FfmpegEncoder.StandalonePaletteArguments(job, frames, palette), token);
                    }
                    palettes.Add(palette);
                }
                var jobsWithPalettes = batch.Select((b, i) => palettes[i] is null ? b.Job : b.Job with { Palette = [] }).ToList();
                await RunAsync(FfmpegEncoder.StandaloneArguments(jobsWithPalettes, batch.Select(b => b.Frames).ToList(), palettes), token);
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
