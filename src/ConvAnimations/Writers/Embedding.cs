using System.Net;
using System.Text;
using ConvAnimations.Preparation;
using ConvAnimations.Rendering;

namespace ConvAnimations.Writers;

/// <summary>Where a snippet goes: a web page, a Markdown page (GitHub, Quarto, Jupyter), a LaTeX document.</summary>
public enum EmbedAs { Html, Markdown, Latex }

/// <summary>A snippet that shows a figure, or why there is none.</summary>
public sealed record Snippet(string? Text, string? Missing);

/// <summary>
/// <c>convanim embed</c>: a paste-ready snippet for the files a render wrote of a figure, its paths relative to where
/// the page is, its alt text on what shows it: for a web page the player in a frame (or pasted whole), for Markdown
/// the animated SVG as an image, for LaTeX the panels' PDF; each falls back on what else was written (the animated SVG,
/// the GIF, the first frame's PDF).
/// </summary>
public static class Embedding
{
    /// <param name="directory">The folder the render wrote into.</param>
    /// <param name="page">The folder of the page or document the snippet goes into: paths are written relative to it.</param>
    public static Snippet Of(PreparedFigure prepared, EmbedAs kind, string directory, string page)
    {
        var figure = prepared.Figure;
        var written = FigureOutputs.Of(figure, directory).Where(t => File.Exists(t.Path)).ToList();
        string Path(Target target) => string.Join('/', System.IO.Path.GetRelativePath(page, target.Path).Split(System.IO.Path.DirectorySeparatorChar));
        var player = written.OfType<PlayerTarget>().FirstOrDefault();
        var animated = written.OfType<AnimatedSvgTarget>().FirstOrDefault();
        Target? gif = written.OfType<AnimationTarget>().FirstOrDefault(t => t.Path.EndsWith(".gif", StringComparison.Ordinal));
        Target? picture = (Target?)animated ?? gif;
        var alt = prepared.Alt();
        switch (kind)
        {
            case EmbedAs.Html:
                if (player is not null)
                {
                    var size = Player.FrameSize(prepared.Size);
                    return new($"<iframe src=\"{Attribute(Path(player))}\" title=\"{Attribute(alt)}\" width=\"{size.Width}\" height=\"{size.Height}\" style=\"border: 0; max-width: 100%\" loading=\"lazy\"></iframe>", null);
                }
                return picture is { } image
                    ? new($"<img src=\"{Attribute(Path(image))}\" alt=\"{Attribute(alt)}\" width=\"{prepared.Size.Width}\" height=\"{prepared.Size.Height}\">", null)
                    : new(null, Missing(figure.Name, directory, "html, animated_svg or gif"));
            case EmbedAs.Markdown:
                return picture is not null
                    ? new($"![{MarkdownText(alt)}](<{Path(picture)}>)", null)
                    : new(null, Missing(figure.Name, directory, "animated_svg or gif"));
            default:
                var pdf = written.OfType<PanelsTarget>().FirstOrDefault(t => t.Path.EndsWith(".pdf", StringComparison.Ordinal))
                    ?? (Target?)written.OfType<FrameTarget>().FirstOrDefault(t => t.Path.EndsWith(".pdf", StringComparison.Ordinal));
                return pdf is not null
                    ? new($"\\includegraphics[width=\\linewidth, alt={{{LatexText(alt)}}}]{{{Path(pdf)}}}", null)
                    : new(null, Missing(figure.Name, directory, "pdf (the frames, or panels: {formats: [pdf]})"));
        }
    }

    /// <summary>The player itself, to paste into a page's HTML: its rules, its figure and its script, which fetch nothing.</summary>
    public static string Inline(PreparedFigure prepared)
    {
        using var renderer = new SceneRenderer(prepared.Scene);
        return Player.Fragment(new Drawing(prepared, renderer));
    }

    private static string Missing(string name, string directory, string formats) =>
        $"nothing to embed of '{name}' in {directory}: render it first with formats: [{formats}] (convanim render FILE --only {name} --out {directory})";

    private static string Attribute(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Text that Markdown takes as it is inside [...].</summary>
    private static string MarkdownText(string text)
    {
        var escaped = new StringBuilder();
        foreach (var c in text)
        {
            if (c is '\\' or '[' or ']' or '*' or '_' or '`' or '<' or '>') escaped.Append('\\');
            escaped.Append(c);
        }
        return escaped.ToString();
    }

    /// <summary>Text that LaTeX takes as it is in a key's value in braces.</summary>
    private static string LatexText(string text) => string.Concat(text.Select(c => c switch
    {
        '\\' => @"\textbackslash{}",
        '{' or '}' or '#' or '$' or '%' or '&' or '_' => $"\\{c}",
        '~' => @"\textasciitilde{}",
        '^' => @"\textasciicircum{}",
        _ => c.ToString(),
    }));
}
