using FFMpegCore;
using FFMpegCore.Arguments;
using FFMpegCore.Exceptions;
using FFMpegCore.Pipes;

namespace ConvAnimations.Encoding;

/// <summary>One output file of a figure: its format and the path ffmpeg writes.</summary>
public sealed record EncodedFile(FfmpegFormat Format, string Path);

/// <summary>
/// One figure to encode: its frames, their duration, the files to write, and for a large figure the GIF palette
/// computed beforehand (see <see cref="FfmpegEncoder.PaletteAsync"/>).
/// </summary>
public sealed record EncodingJob(IFrameSequence Frames, int FrameMs, IReadOnlyList<EncodedFile> Files, byte[]? Palette = null)
{
    /// <summary>
    /// The GIF palette's size. The figures are a few flat colours and their anti-aliased edges: 16 colours show no
    /// difference even magnified, and halve the bytes of 256; numbers need more for the edges of their glyphs.
    /// </summary>
    public int Colours => Frames.HasText ? 64 : 16;

    public bool UsesPalette => Files.Any(f => f.Format.UsesPalette);
}

/// <summary>Thrown when ffmpeg is missing or fails; the message carries the tail of ffmpeg's own error.</summary>
public sealed class EncodingException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Encodes figures through FFMpegCore: one ffmpeg process takes the frames of one or more figures, each on its own
/// pipe, and writes every requested file (see <see cref="FfmpegFormat"/>). Several figures share a process because
/// starting ffmpeg costs more than encoding a small figure.
/// </summary>
public static class FfmpegEncoder
{
    /// <summary>
    /// Above this many bytes of frames a figure's GIF palette is computed in a first pass over the frames, since
    /// building it in the same pass makes ffmpeg hold every frame until the last one.
    /// </summary>
    public const long OnePassPaletteLimit = 64L << 20;

    private const string PaletteUseOptions = "paletteuse=dither=none:diff_mode=rectangle";

    /// <summary>
    /// A palette from every frame's colours, with a transparent entry: the GIF muxer marks the pixels a frame leaves
    /// unchanged as transparent, so a frame costs only its window, lines and output cell.
    /// </summary>
    private static string PaletteOptions(EncodingJob job) => $"palettegen=max_colors={job.Colours}:reserve_transparent=1:stats_mode=full";

    public static async Task EncodeAsync(IReadOnlyList<EncodingJob> jobs, CancellationToken cancellationToken = default, Action? onFrame = null)
    {
        if (jobs.Count == 0 || jobs.Any(j => j.Files.Count == 0)) throw new ArgumentException("nothing to encode", nameof(jobs));
        FFMpegArguments? arguments = null;
        foreach (var job in jobs)
        {
            var frames = new FrameSource(job.Frames, job.FrameMs, onFrame);
            arguments = arguments is null ? FFMpegArguments.FromPipeInput(frames) : arguments.AddPipeInput(frames);
            if (job.Palette is { } palette) arguments.AddPipeInput(new StreamPipeSource(new MemoryStream(palette)), o => o.ForceFormat("png_pipe"));
        }
        var last = jobs[^1].Files[^1].Path;
        var withPalette = jobs.Select(j => j.Palette is not null).ToList();
        await RunAsync(arguments!.OutputToFile(last, overwrite: true, o => o.WithCustomArgument(OutputArguments(jobs, withPalette))), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The first pass of a large figure: its GIF palette (a 16x16 PNG) from all its frames, streamed once.</summary>
    public static async Task<byte[]> PaletteAsync(EncodingJob job, CancellationToken cancellationToken = default)
    {
        using var png = new MemoryStream();
        var arguments = FFMpegArguments
            .FromPipeInput(new FrameSource(job.Frames, job.FrameMs))
            .OutputToPipe(new StreamPipeSink(png), o => o.WithCustomArgument($"-vf {PaletteOptions(job)} -f image2pipe -c:v png"));
        await RunAsync(arguments, cancellationToken).ConfigureAwait(false);
        return png.ToArray();
    }

    private static async Task RunAsync(FFMpegArgumentProcessor processor, CancellationToken cancellationToken)
    {
        var errors = new Queue<string>();
        try
        {
            await processor
                .WithLogLevel(FFMpegCore.Enums.FFMpegLogLevel.Error)
                .NotifyOnStandardError(line =>
                {
                    lock (errors)
                    {
                        errors.Enqueue(line);
                        if (errors.Count > 5) errors.Dequeue();
                    }
                })
                .CancellableThrough(cancellationToken)
                .ProcessAsynchronously(throwOnError: true)
                .ConfigureAwait(false);
        }
        catch (FFMpegException e)
        {
            string tail;
            lock (errors) tail = string.Join(Environment.NewLine, errors);
            throw new EncodingException($"ffmpeg failed: {(tail.Length > 0 ? tail : e.Message)}", e);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new EncodingException(MissingFfmpeg, e);
        }
    }

    public const string MissingFfmpeg = "ffmpeg was not found on PATH: install it (Debian: apt-get install -y ffmpeg; in a clone of the repository scripts/render-all does it for you)";

    /// <summary>Whether an ffmpeg executable is on PATH, checked before any work so a missing one is one clear error.</summary>
    public static bool IsInstalled() => Executable() is not null;

    /// <summary>The ffmpeg on PATH, the one FFMpegCore runs; null when there is none.</summary>
    public static string? Executable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "ffmpeg"))
            .FirstOrDefault(File.Exists);

    /// <summary>
    /// The filter graph and output options of a process encoding <paramref name="jobs"/>, whose inputs are, in
    /// order, each job's frames followed by its palette when <paramref name="withPalette"/> says it has one. Every
    /// output path but the last is named here; FFMpegCore appends the last.
    /// </summary>
    private static string OutputArguments(IReadOnlyList<EncodingJob> jobs, IReadOnlyList<bool> withPalette)
    {
        var graph = new List<string>();
        var outputs = new List<string>();
        var input = 0;
        for (var j = 0; j < jobs.Count; j++)
        {
            var job = jobs[j];
            var frames = $"[{input}:v]";
            var palette = withPalette[j] ? $"[{input + 1}:v]" : null;
            input += withPalette[j] ? 2 : 1;

            // One branch of frames per file, and one more for the palette when any file needs it; the palette is
            // computed once and shared (a large figure's comes from a first pass instead).
            var branches = job.Files.Select((_, f) => $"[j{j}f{f}]").ToList();
            var palettised = job.Files.Count(f => f.Format.UsesPalette);
            var generate = palettised > 0 && palette is null;
            var split = branches.Concat(generate ? [$"[j{j}g]"] : []).ToList();
            graph.Add(split.Count == 1 ? $"{frames}null{split[0]}" : $"{frames}split={split.Count}{string.Concat(split)}");
            if (generate) graph.Add($"[j{j}g]{PaletteOptions(job)}[j{j}p]");
            var palettes = Enumerable.Range(0, palettised).Select(n => $"[j{j}p{n}]").ToList();
            if (palettised > 0) graph.Add($"{(generate ? $"[j{j}p]" : palette)}{(palettised == 1 ? "null" : $"split={palettised}")}{string.Concat(palettes)}");
            var used = 0;
            for (var f = 0; f < job.Files.Count; f++)
            {
                var (file, branch, result) = (job.Files[f], branches[f], $"[j{j}o{f}]");
                graph.Add(file.Format.UsesPalette
                    ? $"{branch}{palettes[used++]}{PaletteUseOptions},{file.Format.Filter}{result}"
                    : $"{branch}{file.Format.Filter}{result}");
                outputs.Add($"-map {result} {file.Format.Options}");
                var isLast = j == jobs.Count - 1 && f == job.Files.Count - 1;
                if (!isLast) outputs.Add($"-y {Quote(file.Path)}");
            }
        }
        return $"-filter_complex \"{string.Join(';', graph)}\" {string.Join(' ', outputs)}";
    }

    /// <summary>
    /// The whole ffmpeg command line of <see cref="EncodeAsync"/> with the inputs read from files instead of pipes
    /// (a job's palette, if any, from a PNG file): the same encoding by ffmpeg alone, for measuring it (scripts/bench).
    /// </summary>
    public static string StandaloneArguments(IReadOnlyList<EncodingJob> jobs, IReadOnlyList<string> frameFiles, IReadOnlyList<string?> paletteFiles)
    {
        var inputs = jobs.Select((job, j) =>
            $"{FrameSource.InputOptions(job.Frames, job.FrameMs)} -i {Quote(frameFiles[j])}" +
            (paletteFiles[j] is { } palette ? $" -f png_pipe -i {Quote(palette)}" : ""));
        var withPalette = paletteFiles.Select(p => p is not null).ToList();
        return $"-hide_banner -loglevel error {string.Join(' ', inputs)} {OutputArguments(jobs, withPalette)} -y {Quote(jobs[^1].Files[^1].Path)}";
    }

    /// <summary>The palette pass of <see cref="PaletteAsync"/> with the frames read from a file, for measuring it.</summary>
    public static string StandalonePaletteArguments(EncodingJob job, string frameFile, string paletteFile) =>
        $"-hide_banner -loglevel error {FrameSource.InputOptions(job.Frames, job.FrameMs)} -i {Quote(frameFile)} -vf {PaletteOptions(job)} -f image2pipe -c:v png -y {Quote(paletteFile)}";

    private static string Quote(string path) => "\"" + path.Replace("\"", "\\\"") + "\"";
}
