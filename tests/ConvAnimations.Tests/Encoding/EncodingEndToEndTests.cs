using System.Globalization;
using ConvAnimations.Encoding;
using ConvAnimations.Layout;
using ConvAnimations.Pipeline;
using ConvAnimations.Preparation;
using ConvAnimations.Rendering;
using ConvAnimations.Scenes;
using ConvAnimations.Tests.Support;
using SkiaSharp;

namespace ConvAnimations.Tests.Encoding;

/// <summary>The real ffmpeg writes the files; they are read back with our own GIF parser, Skia's GIF decoder and ffprobe.</summary>
public sealed class EncodingEndToEndTests
{
    [Theory]
    [InlineData("padding_strides_odd_transposed", 36)]
    [InlineData("dilation", 9)]
    public async Task Gif_and_mp4_have_the_guide_frames_and_timing(string name, int frames)
    {
        using var dir = new TempDirectory();
        var figure = Repo.Figure(name);
        var results = await RenderPipeline.RunAsync([figure.Prepared()], new RenderOptions(dir.Path));
        Assert.Equal(FigureOutcome.Rendered, Assert.Single(results).Outcome);
        using var renderer = new SceneRenderer(new PreparedFigure(figure).Scene);

        var gif = GifFile.Read(dir.File($"{name}.gif"));
        Assert.Equal(frames, gif.FrameCount);
        Assert.All(gif.DelaysCs, delay => Assert.Equal(100, delay));
        Assert.Equal(0, gif.LoopCount); // 0: loop forever
        Assert.Equal((renderer.Size.Width, renderer.Size.Height), (gif.Width, gif.Height));

        var mp4 = Processes.Probe(dir.File($"{name}.mp4"));
        var stream = mp4.GetProperty("streams")[0];
        Assert.Equal("h264", stream.GetProperty("codec_name").GetString());
        Assert.Equal("yuv420p", stream.GetProperty("pix_fmt").GetString());
        Assert.Equal(renderer.Size.Width, stream.GetProperty("width").GetInt32());
        Assert.Equal(renderer.Size.Height, stream.GetProperty("height").GetInt32());
        Assert.Equal(frames, int.Parse(stream.GetProperty("nb_read_frames").GetString()!, CultureInfo.InvariantCulture));
        var duration = double.Parse(mp4.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(duration, frames - 0.05, frames + 0.05);
        Assert.True(MoovBeforeMdat(dir.File($"{name}.mp4")), "the MP4 is not fast-start: moov must come before mdat");
    }

    [Fact]
    public async Task Decoded_gif_frames_are_the_rendered_frames()
    {
        using var dir = new TempDirectory();
        var figure = Repo.Figure("padding_strides");
        await RenderPipeline.RunAsync([figure.Prepared()], new RenderOptions(dir.Path));
        using var renderer = new SceneRenderer(new PreparedFigure(figure).Scene);
        using var codec = SKCodec.Create(dir.File("padding_strides.gif"));
        Assert.Equal(9, codec.FrameCount);
        Assert.Equal(-1, codec.RepetitionCount); // Skia: -1 = repeat forever

        using var rendered = new SKBitmap(renderer.Info);
        using var decoded = new SKBitmap(codec.Info.WithColorType(renderer.Info.ColorType).WithAlphaType(SKAlphaType.Premul));
        for (var i = 0; i < codec.FrameCount; i++)
        {
            // Each frame is decoded over its predecessor, as a GIF player draws it.
            Assert.Equal(SKCodecResult.Success, codec.GetPixels(decoded.Info, decoded.GetPixels(), new SKCodecOptions(i, i - 1)));
            renderer.Render(rendered.GetPixelSpan(), i);
            // Palette quantisation moves anti-aliased edge pixels a little; a frame drawn wrongly moves far more.
            Assert.InRange(MeanAbsoluteDifference(rendered, decoded), 0, 2.0);
        }
    }

    private static double MeanAbsoluteDifference(SKBitmap a, SKBitmap b)
    {
        ReadOnlySpan<byte> x = a.GetPixelSpan(), y = b.GetPixelSpan();
        long sum = 0;
        for (var i = 0; i < x.Length; i++) sum += Math.Abs(x[i] - y[i]);
        return (double)sum / x.Length;
    }

    private static bool MoovBeforeMdat(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var order = new List<string>();
        for (long pos = 0; pos + 8 <= bytes.Length;)
        {
            var size = (long)(uint)(bytes[pos] << 24 | bytes[pos + 1] << 16 | bytes[pos + 2] << 8 | bytes[pos + 3]);
            order.Add(System.Text.Encoding.ASCII.GetString(bytes, (int)pos + 4, 4));
            if (size < 8) break;
            pos += size;
        }
        return order.IndexOf("moov") >= 0 && order.IndexOf("moov") < order.IndexOf("mdat");
    }
}
