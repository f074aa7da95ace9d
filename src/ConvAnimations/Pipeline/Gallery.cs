using System.Net;
using System.Text;
using System.Text.Json;
using ConvAnimations.Explain;
using ConvAnimations.Layout;
using ConvAnimations.Preparation;
using ConvAnimations.Spec;
using ConvAnimations.Writers;

namespace ConvAnimations.Pipeline;

/// <summary>A figure of the gallery: its part of the page, its source file and the files it shows.</summary>
public sealed record GalleryEntry(string Name, string Source, string Html, IReadOnlyList<string> Files);

/// <summary>What a render puts on the gallery: the file's name and all its figures (not only those rendered this time).</summary>
/// <param name="Notice">Told when the page goes elsewhere or nowhere (a page the tool did not write is in the way), or its index was lost.</param>
public sealed record GallerySource(string Name, IReadOnlyList<Figure> Figures, Action<string>? Notice = null);

/// <summary>
/// output/index.html: every figure whose files are in the folder, with its interactive player (in a frame: the same
/// page as NAME.html) and its animated SVG, or else its GIF and its MP4 as a video, its alt text on each, title,
/// parameters and output-size formula. Plain HTML with relative links and no script of its own, so it works straight
/// from the file system.
/// The figures on the page are remembered in <see cref="IndexName"/>, so a render never makes the page worse: figures
/// rendered earlier from another file into the same folder stay, and a figure that failed keeps its previous place
/// and files. The page carries a mark, and a page without it (a user's own index.html, in a GitHub Pages folder) is
/// never replaced: the gallery goes beside it as <see cref="OtherFileName"/>, or, with that taken too, nowhere.
/// </summary>
public static partial class Gallery
{
    public const string FileName = "index.html";

    /// <summary>The page's name when an index.html that the tool did not write is in the folder.</summary>
    public const string OtherFileName = "convanim-gallery.html";

    public const string IndexName = ".convanim-gallery.json";

    /// <summary>What tells a page of the gallery from any other: in its head, so reading the first bytes finds it.</summary>
    private const string Mark = "<meta name=\"generator\" content=\"convanim gallery\">";

    /// <summary>
    /// Updates the page with the figures of <paramref name="sourceName"/> whose files are in <paramref name="directory"/>
    /// (those named in <paramref name="keep"/>, not rendered this time, keep what the page showed of them); returns its
    /// path, or null when both its names are taken by pages the tool did not write (<paramref name="notice"/> says so).
    /// </summary>
    public static string? Write(string directory, string sourceName, IReadOnlyList<Figure> figures, IReadOnlySet<string>? keep = null, Action<string>? notice = null)
    {
        var (index, other) = (Path.Combine(directory, FileName), Path.Combine(directory, OtherFileName));
        var path = new[] { index, other }.FirstOrDefault(p => (!File.Exists(p) && !Directory.Exists(p)) || IsOurs(p));
        if (path != index) notice?.Invoke($"{index} was not written by convanim: it is left as it is; " + (path is null ? $"so is {other}, and no gallery page was written" : $"the gallery is {path}"));
        if (path is null) return null;
        var entries = Load(directory, path, notice);
        var places = entries.Select((e, i) => (e.Name, i)).ToDictionary(p => p.Name, p => p.i);
        foreach (var figure in figures)
        {
            var known = places.TryGetValue(figure.Name, out var at);
            if (known && keep?.Contains(figure.Name) == true) continue;
            var files = FigureOutputs.Of(figure, directory).Where(t => File.Exists(t.Path)).Select(t => Path.GetRelativePath(directory, t.Path)).ToList();
            if (files.Count == 0) continue;
            var entry = new GalleryEntry(figure.Name, sourceName, FigureHtml(directory, figure, sourceName), files);
            if (known)
            {
                entries[at] = entry;
            }
            else
            {
                places[figure.Name] = entries.Count;
                entries.Add(entry);
            }
        }
        // Only what is in the folder: a figure whose files are all gone leaves the page.
        entries.RemoveAll(e => !e.Files.Any(f => File.Exists(Path.Combine(directory, f)) || Directory.Exists(Path.Combine(directory, f))));
        // The page first: the index can be rebuilt from it, and a page that moved back to index.html leaves no old copy.
        OutputFiles.WriteAtomically(path, Page(entries));
        if (path == index && IsOurs(other)) OutputFiles.TryDelete(other);
        OutputFiles.WriteAtomically(Path.Combine(directory, IndexName), JsonSerializer.Serialize(entries));
        return path;
    }

    /// <summary>Whether the file at <paramref name="path"/> is a page of the gallery (it has the mark near its start).</summary>
    private static bool IsOurs(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            var head = new byte[4096];
            return System.Text.Encoding.UTF8.GetString(head, 0, file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)).Contains(Mark, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The figures on the page: from its index, or, when that is lost or unreadable, from the page itself.</summary>
    private static List<GalleryEntry> Load(string directory, string page, Action<string>? notice)
    {
        var index = Path.Combine(directory, IndexName);
        try
        {
            // An index edited by hand may hold anything JSON allows: entries without their parts, or twice.
            var entries = JsonSerializer.Deserialize<List<GalleryEntry?>>(File.ReadAllText(index)) ?? [];
            return entries.OfType<GalleryEntry>()
                .Where(e => e is { Name: not null, Source: not null, Html: not null, Files: not null } && e.Files.All(f => f is not null))
                .DistinctBy(e => e.Name).ToList();
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            if (!IsOurs(page)) return [];
            if (e is not FileNotFoundException) notice?.Invoke($"{index} cannot be read ({e.Message}): the gallery's figures are taken from {page}");
            return Recover(File.ReadAllText(page));
        }
    }

    /// <summary>Each figure of a page of the gallery: its block as written, its source, and the files and folders it links.</summary>
    private static List<GalleryEntry> Recover(string page) =>
        FigureBlock().Matches(page).Select(m => new GalleryEntry(
                WebUtility.HtmlDecode(m.Groups[1].Value), WebUtility.HtmlDecode(m.Groups[2].Value), m.Value,
                LinkTarget().Matches(m.Value).Select(l => Uri.UnescapeDataString(WebUtility.HtmlDecode(l.Groups[1].Value)).TrimEnd('/')).Distinct().ToList()))
            .DistinctBy(e => e.Name).ToList();

    [System.Text.RegularExpressions.GeneratedRegex("<figure id=\"([^\"]*)\" data-source=\"([^\"]*)\">.*?</figure>\n", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex FigureBlock();

    [System.Text.RegularExpressions.GeneratedRegex("(?:src|href)=\"([^\"]*)\"")]
    private static partial System.Text.RegularExpressions.Regex LinkTarget();

    internal static string Page(IReadOnlyList<GalleryEntry> entries)
    {
        var sources = string.Join(", ", entries.Select(e => e.Source).Distinct().Select(s => $"<code>{E(s)}</code>"));
        var html = new StringBuilder();
        html.Append($$"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            {{Mark}}
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>Convolution arithmetic: {{E(string.Join(", ", entries.Select(e => e.Source).Distinct()))}}</title>
            <style>
              body { font-family: system-ui, sans-serif; color: #073642; background: #fdf6e3; margin: 2rem; }
              h1 { font-weight: 600; }
              .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(440px, 1fr)); gap: 1.5rem; }
              figure { background: white; margin: 0; padding: 1rem; border-radius: 6px; box-shadow: 0 1px 3px #0002; }
              figcaption h2 { font-size: 1.1rem; margin: 0 0 .3rem; }
              .media { display: flex; gap: .5rem; flex-wrap: wrap; align-items: flex-start; }
              .media > img, .media > video { flex: 1 1 0; min-width: 0; max-width: 100%; height: auto; }
              .media > iframe.player { flex: 0 1 auto; max-width: 100%; border: 0; }
              .media > iframe.player + img { flex: 0 1 12rem; }
              code, .formula { font-family: ui-monospace, monospace; font-size: .85rem; }
              .formula { color: #268bd2; }
              dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 .8rem; margin: .5rem 0; font-size: .9rem; }
              dt { color: #586e75; } dd { margin: 0; }
              .panels { margin: .5rem 0; } .panels img { width: 100%; height: auto; border: 1px solid #eee8d5; }
              .files { font-size: .85rem; } .files a { margin-right: .6rem; }
            </style>
            </head>
            <body>
            <h1>Convolution arithmetic</h1>
            <p>{{entries.Count}} figures{{(sources.Length > 0 ? " from " + sources : "")}}, after Dumoulin &amp; Visin, <em>A guide to convolution arithmetic for deep learning</em>: each animation in every format rendered, the paper's panel figure below it, and links to every file.</p>
            <div class="figures">

            """);
        foreach (var entry in entries) html.Append(entry.Html);
        html.Append("</div>\n</body>\n</html>\n");
        return html.ToString();
    }

    /// <summary>One figure's part of the page, showing and linking the files of it that are in the folder.</summary>
    private static string FigureHtml(string directory, Figure figure, string source)
    {
        var html = new StringBuilder();
        var g = figure.Geometry;
        html.Append($"""
            <figure id="{E(figure.Name)}" data-source="{E(source)}">
            <figcaption><h2>{E(figure.Title)}</h2><code>{E(figure.Name)}</code></figcaption>
            <div class="media">

            """);
        var targets = FigureOutputs.Of(figure, directory).Where(t => File.Exists(t.Path)).ToList();
        var prepared = new PreparedFigure(figure);
        var alt = E(prepared.Alt());
        // The interactive player and the animated SVG when the figure has them (the player in a frame of its own, as
        // its page is made to be); otherwise its GIF and MP4.
        var player = targets.OfType<PlayerTarget>().FirstOrDefault();
        var animated = targets.OfType<AnimatedSvgTarget>().FirstOrDefault();
        if (player is not null)
        {
            var size = Player.FrameSize(prepared.Size);
            html.Append($"<iframe class=\"player\" src=\"{Link(directory, player.Path)}\" title=\"{alt}\" width=\"{size.Width}\" height=\"{size.Height}\" loading=\"lazy\"></iframe>\n");
        }
        if (animated is not null) html.Append($"<img src=\"{Link(directory, animated.Path)}\" alt=\"{alt}\">\n");
        foreach (var animation in player is null && animated is null ? targets.OfType<AnimationTarget>() : [])
        {
            var file = Link(directory, animation.Path);
            html.Append(animation.Format.UsesVideoElement
                ? $"<video src=\"{file}\" autoplay loop muted playsinline controls title=\"{alt}\"></video>\n"
                : $"<img src=\"{file}\" alt=\"{alt}\">\n");
        }
        html.Append("</div>\n");
        var panels = targets.OfType<PanelsTarget>().ToList();
        // A browser shows SVG and PNG panels; a PDF is linked.
        if (panels.FirstOrDefault(p => !p.Path.EndsWith(".pdf", StringComparison.Ordinal)) is { } shown)
        {
            html.Append($"<div class=\"panels\"><img src=\"{Link(directory, shown.Path)}\" alt=\"{alt} (The paper's panels: frames {string.Join(", ", figure.Panels!.Frames)}.)\"></div>\n");
        }
        var links = targets.OfType<AnimationTarget>().Select(t => (Text: Path.GetExtension(t.Path)[1..], t.Path))
            .Concat(new (string Text, Target? Target)[] { ("player (html)", player), ("animated svg", animated) }.Where(t => t.Target is not null).Select(t => (t.Text, t.Target!.Path)))
            .Concat(panels.Select(t => (Text: $"panels ({Path.GetExtension(t.Path)[1..]})", t.Path)))
            // Documents of the scene (a PowerPoint deck, TikZ source) by their extension too.
            .Concat(targets.OfType<DrawnTarget>().Where(t => t is not (IFrameFile or PanelsTarget or PlayerTarget or AnimatedSvgTarget))
                .Select(t => (Text: t.Path.EndsWith($".panels{Path.GetExtension(t.Path)}", StringComparison.Ordinal) ? $"panels ({Path.GetExtension(t.Path)[1..]})" : Path.GetExtension(t.Path)[1..], t.Path)))
            .Concat(targets.Where(t => t is IFrameFile).GroupBy(t => Path.GetExtension(t.Path)).Select(g => (Text: $"{Plural.Of(g.Count(), "frame")} ({g.Key[1..]})", Path: Path.GetDirectoryName(g.First().Path)! + "/")))
            .ToList();
        html.Append("<div class=\"files\">");
        foreach (var (text, path) in links) html.Append($"<a href=\"{Link(directory, path)}\">{E(text)}</a>");
        html.Append("</div>\n");
        if (figure.Parts.Count > 0)
        {
            // A composed figure is described by its parts, each with a figure of its own on the page; a chain by the sizes of its maps.
            var parts = figure.View.ForLayers ? Sizes(new ChainLayout(figure)) : string.Join(", ", figure.Parts.Select(p => p.Name));
            html.Append($"<dl><dt>{E(figure.View.Name)}</dt><dd>{E(parts)} ({Plural.Of(figure.FrameCount, "frame")})</dd></dl>\n</figure>\n");
            return html.ToString();
        }
        html.Append($"""
            <dl>
            <dt>kind</dt><dd>{E(figure.Kind.Name)}</dd>
            <dt>direct</dt><dd>i = {g.Input}, k = {g.Kernel}, s = {g.Stride}, p = {g.Padding}, d = {g.Dilation}</dd>
            <dt>input</dt><dd>{figure.AnimatedInput}</dd>
            <dt>output</dt><dd>{figure.AnimatedOutput} ({Plural.Of(figure.FrameCount, "frame")})</dd>
            </dl>

            """);
        foreach (var formula in ArithmeticText.OutputFormulas(figure)) html.Append($"<div class=\"formula\">{E(formula)}</div>\n");
        html.Append("</figure>\n");
        return html.ToString();
    }

    /// <summary>A chain's maps, the input first: "8x8 \u2192 4x4 \u2192 2x2".</summary>
    private static string Sizes(ChainLayout chain) => string.Join(" \u2192 ", Enumerable.Range(0, chain.Count + 1).Select(chain.Shape));

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>A relative link from the page to a file or folder of the output directory.</summary>
    private static string Link(string directory, string path) =>
        string.Join('/', Path.GetRelativePath(directory, path).TrimEnd('/').Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString)) + (path.EndsWith('/') ? "/" : "");
}
