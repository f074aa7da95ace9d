using System.Diagnostics;
using ConvAnimations.Encoding;
using ConvAnimations.Layout;
using ConvAnimations.Pipeline;
using ConvAnimations.Rendering;
using ConvAnimations.Spec;

namespace ConvAnimations.Cli;

/// <summary>
/// The floor of a render: ffmpeg alone encoding every figure, with the same command line and the same parallelism,
/// from frames rendered into memory beforehand. Only the encoding is timed.
/// </summary>
internal static class EncodingFloor
{
    public static async Task<TimeSpan> MeasureAsync(IReadOnlyList<Figure> figures, string outDir, int jobs)
    {
        Directory.CreateDirectory(outDir);
        var work = figures.Select(figure =>
        {
            using var renderer = new FrameRenderer(Layouter.Layout(figure));
            using var bitmap = renderer.NewBitmap();
            var frames = new byte[renderer.FrameCount * bitmap.ByteCount];
            for (var i = 0; i < renderer.FrameCount; i++)
            {
                renderer.Render(bitmap, i);
                bitmap.GetPixelSpan().CopyTo(frames.AsSpan(i * bitmap.ByteCount));
            }
            var files = figure.Formats.Select(f => new EncodedFile(f, OutputFiles.PathOf(outDir, figure.Name, f))).ToList();
            return (Arguments: FfmpegEncoder.StandaloneArguments(renderer, figure.FrameMs, files), Frames: frames);
        }).ToList();

        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = jobs }, async (item, token) =>
        {
            using var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg", item.Arguments) { RedirectStandardInput = true, UseShellExecute = false })!;
            await ffmpeg.StandardInput.BaseStream.WriteAsync(item.Frames, token);
            ffmpeg.StandardInput.Close();
            await ffmpeg.WaitForExitAsync(token);
            if (ffmpeg.ExitCode != 0) throw new InvalidOperationException($"ffmpeg {item.Arguments} failed with exit code {ffmpeg.ExitCode}");
        });
        return clock.Elapsed;
    }
}
