using System.Net;
using System.Text;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;

namespace ConvAnimations.Writers;

/// <summary>A format written as one document made from the scene: <c>DIR/NAME.EXT</c>.</summary>
public sealed class DocumentWriter(Func<string, DrawnTarget> target) : FormatWriter
{
    public override IEnumerable<Target> Files(Figure figure, OutputFormat format, string directory) =>
        [target(FigureOutputs.AnimationPath(directory, figure.Name, format))];
}

/// <summary><c>DIR/NAME.animated.svg</c>: the figure as one SVG that plays by itself (see <see cref="AnimatedSvg"/>).</summary>
public sealed record AnimatedSvgTarget(string Path) : DrawnTarget(Path)
{
    public override void Write(Stream stream, Drawing drawing) => stream.Write(System.Text.Encoding.UTF8.GetBytes(AnimatedSvg.Document(drawing)));
}

/// <summary>
/// The figure as one SVG that animates itself with CSS keyframes, <c>frame_ms</c> a frame, looping: what every frame
/// shares is drawn once and only each frame's marks are switched on in turn, so it plays where no script runs (an
/// <c>&lt;img&gt;</c>, GitHub's rendering of a README, Markdown and Quarto pages). Its <c>&lt;title&gt;</c> is the
/// alt text. A reader who asks for reduced motion sees the first frame, as does a viewer without CSS animations.
/// </summary>
public static class AnimatedSvg
{
    public static string Document(Drawing drawing)
    {
        var figure = drawing.Figure.Figure;
        var svg = SceneSvg.Draw(drawing, SceneSvg.IdOf(figure));
        var id = svg.Id;
        var (w, h) = (svg.Width, svg.Height);
        var text = new StringBuilder();
        text.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"{id}\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\">\n");
        text.Append($"<title id=\"{id}-title\">{E(drawing.Figure.Alt())}</title>\n");
        text.Append($"<desc id=\"{id}-desc\">{E(figure.Title)}: {Plural.Of(svg.FrameCount, "frame")} of {figure.FrameMs} ms, looping (ConvAnimations)</desc>\n");
        text.Append($"<style>{svg.Css}{Animation(svg, figure.FrameMs)}</style>\n");
        text.Append(svg.Markup).Append("\n</svg>\n");
        return text.ToString();
    }

    /// <summary>
    /// Every group of class <c>v</c> hidden but while its frames play: a keyframe rule per length of span (visible
    /// for that share of the loop, then hidden), each span started by a negative delay so that it shows from its first
    /// frame's time on every loop.
    /// </summary>
    internal static string Animation(SceneSvg svg, int frameMs)
    {
        var frames = svg.FrameCount;
        if (frames <= 1) return "";
        var scope = $"#{svg.Id}";
        var loop = frames * frameMs;
        string Keyframes(int count) => $"{svg.Id}-{count}";
        var css = new StringBuilder();
        css.Append($"{scope} .v{{visibility:hidden;animation:{Keyframes(1)} {loop}ms step-end infinite}}{scope} .on{{visibility:visible}}");
        foreach (var count in svg.Spans.Select(s => s.Count).Distinct().Order())
        {
            css.Append($"@keyframes {Keyframes(count)}{{0%{{visibility:visible}}{SvgPath.Number(100.0 * count / frames, 4)}%,to{{visibility:hidden}}}}");
        }
        for (var k = 1; k < svg.Spans.Count; k++)
        {
            var span = svg.Spans[k];
            css.Append($"{scope} .v{k}{{animation-delay:-{(loop - span.First * frameMs) % loop}ms{(span.Count > 1 ? $";animation-name:{Keyframes(span.Count)}" : "")}}}");
        }
        css.Append($"@media (prefers-reduced-motion:reduce){{{scope} .v{{animation-play-state:paused}}}}");
        return css.ToString();
    }

    internal static string E(string text) => WebUtility.HtmlEncode(text);
}
