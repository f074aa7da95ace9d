using ConvAnimations.Rendering;
using ConvAnimations.Spec;
using FFMpegCore;
using FFMpegCore.Exceptions;

namespace ConvAnimations.Encoding;

/// <summary>One output file of a figure: its format and the path ffmpeg writes.</summary>
public sealed record EncodedFile(OutputFormat Format, string Path);

/// <summary>Thrown when ffmpeg is missing or fails; the message carries the tail of ffmpeg's own error.</summary>
public sealed class EncodingException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Encodes a figure with one ffmpeg process (through FFMpegCore) that writes every requested format from one pipe:
/// a looping GIF with a palette built from the frames, and an H.264 MP4 that browsers play.
/// </summary>
public static class FfmpegEncoder
{
    public static async Task EncodeAsync(FrameRenderer renderer, int frameMs, IReadOnlyList<EncodedFile> files, CancellationToken cancellationToken = default)
    {
        if (files.Count == 0) throw new ArgumentException("nothing to encode", nameof(files));
        var last = files[^1];
        var arguments = FFMpegArguments
            .FromPipeInput(new FrameSource(renderer, frameMs))
            .OutputToFile(last.Path, overwrite: true, options => options.WithCustomArgument(Arguments(files)));
        var errors = new Queue<string>();
        try
        {
            await arguments
                .NotifyOnStandardError(line => { lock (errors) { errors.Enqueue(line); if (errors.Count > 5) errors.Dequeue(); } })
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
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or FileNotFoundException)
        {
            throw new EncodingException("ffmpeg was not found on PATH: install it (Debian: apt-get install -y ffmpeg; scripts/render-all does it for you)", e);
        }
    }

    /// <summary>
    /// The whole ffmpeg command line for frames given as raw RGBA on standard input: what the encoder runs, for
    /// measuring ffmpeg alone (scripts/bench).
    /// </summary>
    public static string StandaloneArguments(FrameRenderer renderer, int frameMs, IReadOnlyList<EncodedFile> files) =>
        $"-hide_banner -loglevel error {new FrameSource(renderer, frameMs).GetStreamArguments()} -i pipe:0 {Arguments(files)} -y \"{files[^1].Path}\"";

    /// <summary>
    /// The filter graph and output options. The split feeds each format; the GIF's palette is generated from all
    /// frames and applied without dithering, which keeps the flat colours flat and the files small.
    /// </summary>
    internal static string Arguments(IReadOnlyList<EncodedFile> files)
    {
        var labels = files.Select((f, i) => $"[v{i}]").ToList();
        var graph = new List<string> { files.Count == 1 ? "[0:v]null[v0]" : $"[0:v]split={files.Count}{string.Concat(labels)}" };
        var outputs = new List<string>();
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            if (file.Format == OutputFormat.Gif)
            {
                graph.Add($"[v{i}]split[g{i}a][g{i}b]");
                graph.Add($"[g{i}a]palettegen=max_colors=256:reserve_transparent=0:stats_mode=full[p{i}]");
                graph.Add($"[g{i}b][p{i}]paletteuse=dither=none:diff_mode=rectangle[o{i}]");
                outputs.Add($"-map [o{i}] -loop 0 -f gif");
            }
            else
            {
                graph.Add($"[v{i}]format=yuv420p[o{i}]");
                outputs.Add($"-map [o{i}] -c:v libx264 -preset ultrafast -tune stillimage -crf 18 -pix_fmt yuv420p -movflags +faststart -f mp4");
            }
            // Every output but the last is named here; FFMpegCore appends the last one's path.
            if (i < files.Count - 1) outputs.Add(Quote(file.Path));
        }
        return $"-filter_complex \"{string.Join(';', graph)}\" {string.Join(' ', outputs)}";
    }

    private static string Quote(string path) => "\"" + path.Replace("\"", "\\\"") + "\"";

}
