using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using ConvAnimations.Scenes;
using SkiaSharp;

namespace ConvAnimations.Writers;

/// <summary><c>DIR/NAME.html</c>: the figure's interactive player, one file (see <see cref="Player"/>).</summary>
public sealed record PlayerTarget(string Path) : DrawnTarget(Path)
{
    public override void Write(Stream stream, Drawing drawing) => stream.Write(System.Text.Encoding.UTF8.GetBytes(Player.Page(drawing)));
}

/// <summary>
/// The interactive player of a figure: one page that fetches nothing (a Content-Security-Policy forbids every
/// request), made of the figure's frames as vectors (<see cref="SceneSvg"/>), the controls people expect (play and
/// pause, previous and next, a slider, the speed, the frame number; the keys Left, Right, Space, Home and End), and
/// the cells that computed which (<see cref="CellLinks"/>): hovering or tapping an output cell shows its window and
/// the cells it read, an input cell every output cell that reads it. Its alt text is its accessible name; a reader
/// who asks for reduced motion finds it paused on the first frame. The page's body (<see cref="Fragment"/>) is the
/// player alone, its rules and ids scoped to it, so it can be pasted into another page.
/// </summary>
public static class Player
{
    private static readonly Lazy<string> Script = new(() => CompactScript(Read("player.js")));
    private static readonly Lazy<string> Rules = new(() => CompactRules(Read("player.css")));

    /// <summary>The height of the controls and the line under the picture, in CSS pixels (for a frame that holds the player).</summary>
    public const int ControlsHeight = 96;

    /// <summary>The narrowest the player is: its controls' width.</summary>
    public const int MinWidth = 300;

    /// <summary>The size of a frame (an <c>&lt;iframe&gt;</c>) that holds the player's page of a figure of <paramref name="size"/> without scrolling (the page's margin included).</summary>
    public static SKSizeI FrameSize(SKSizeI size) => new(Math.Max(size.Width, MinWidth) + 16, size.Height + ControlsHeight + 16);

    /// <summary>The whole page.</summary>
    public static string Page(Drawing drawing)
    {
        var (fragment, style, script) = Parts(drawing);
        var figure = drawing.Figure.Figure;
        var policy = $"default-src 'none'; style-src '{Hash(style)}'; script-src '{Hash(script)}'; img-src data:; base-uri 'none'; form-action 'none'";
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="{policy}">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{AnimatedSvg.E(figure.Title)}</title>
            <link rel="icon" href="data:,">
            </head>
            <body>
            {fragment}</body>
            </html>

            """;
    }

    /// <summary>The player alone, to paste into a page: its rules, the figure and its script.</summary>
    public static string Fragment(Drawing drawing) => Parts(drawing).Fragment;

    private static (string Fragment, string Style, string Script) Parts(Drawing drawing)
    {
        var prepared = drawing.Figure;
        var figure = prepared.Figure;
        var svg = SceneSvg.Draw(drawing, SceneSvg.IdOf(figure));
        var theme = drawing.Renderer.Theme;
        var alt = AnimatedSvg.E(prepared.Alt());
        var frames = svg.FrameCount;
        var style = svg.Css + ThemedRules(svg.Id, theme);
        var script = Script.Value;
        var fragment = $"""
            <!-- ConvAnimations player of {figure.Name}: the style, the figure and the script go together -->
            <style>{style}</style>
            <figure id="{svg.Id}" class="convanim" tabindex="0" aria-label="{alt}" data-name="{figure.Name}">
            <svg xmlns="http://www.w3.org/2000/svg" width="{svg.Width}" height="{svg.Height}" viewBox="0 0 {svg.Width} {svg.Height}" aria-hidden="true">{svg.Markup}</svg>
            <div class="bar"><button class="prev" aria-label="Previous frame">&#x2039;</button><button class="play" aria-label="Play">&#x25B6;</button><button class="next" aria-label="Next frame">&#x203A;</button><input class="pos" type="range" min="0" max="{frames - 1}" value="0" aria-label="Frame"><output class="num">1 / {frames}</output><select class="rate" aria-label="Speed"><option value=".25">&#xBC;&#xD7;</option><option value=".5">&#xBD;&#xD7;</option><option value="1" selected>1&#xD7;</option><option value="2">2&#xD7;</option><option value="4">4&#xD7;</option></select></div>
            <p class="info" aria-live="polite"></p>
            <script type="application/json">{Data(drawing, svg)}</script>
            </figure>
            <script>{script}</script>

            """;
        return (fragment, style, script);
    }

    /// <summary>The player's own rules in the figure's theme: the controls in its ink on its background, links drawn like the frames' highlight.</summary>
    private static string ThemedRules(string id, Rendering.Theme theme)
    {
        static string Rgb(SKColor c) => $"#{c.Red:x2}{c.Green:x2}{c.Blue:x2}";
        var ink = theme.InkOn(Surface.Background);
        return Rules.Value.Replace("$", $"#{id}", StringComparison.Ordinal)
            .Replace("@ink", Rgb(ink), StringComparison.Ordinal)
            .Replace("@background", Rgb(theme.Background), StringComparison.Ordinal)
            .Replace("@input", Rgb(theme.Input), StringComparison.Ordinal)
            .Replace("@highlight", Rgb(theme.Highlight), StringComparison.Ordinal)
            .Replace("@alpha", SvgPath.Number(theme.Highlight.Alpha / 255.0, 3), StringComparison.Ordinal)
            .Replace("@lines", Rgb(theme.Lines), StringComparison.Ordinal)
            .Replace("@thicker", SvgPath.Number(theme.ThickLine * 2, 2), StringComparison.Ordinal)
            .Replace("@thick", SvgPath.Number(theme.ThickLine, 2), StringComparison.Ordinal);
    }

    /// <summary>
    /// What the script needs, as JSON: the frame count and time, the spans of the groups shown on several frames, the
    /// linked planes with their placement on the canvas and the links (see player.js).
    /// </summary>
    private static string Data(Drawing drawing, SceneSvg svg)
    {
        var scene = drawing.Figure.Scene;
        var planes = drawing.Renderer.Projection.Planes;
        var frames = svg.FrameCount;
        static string N(double v, int decimals = 1) => v.ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
        static string Ints(IEnumerable<int> values) => $"[{string.Join(',', values)}]";
        var json = new StringBuilder();
        json.Append($"{{\"n\":{frames},\"ms\":{drawing.Figure.Figure.FrameMs},\"s\":[");
        json.AppendJoin(',', svg.Spans.Skip(frames).Select(s => Ints([s.First, s.Count])));
        json.Append("],\"p\":[");
        json.AppendJoin(',', scene.Links.Maps.Select(map =>
        {
            var plane = scene.Planes[map.Plane];
            var m = planes[map.Plane];
            var span = plane.Visible ?? new FrameSpan(0, frames);
            return $"[{map.Plane},{N(m.ScaleX, 4)},{N(m.SkewY, 4)},{N(m.SkewX, 4)},{N(m.ScaleY, 4)},{N(m.TransX, 2)},{N(m.TransY, 2)}," +
                   $"{plane.Size.Rows},{plane.Size.Cols},{span.First},{span.Count},{System.Text.Json.JsonSerializer.Serialize(map.Name)}]";
        }));
        json.Append("],\"l\":[");
        json.AppendJoin(',', scene.Links.Links.Select(l =>
            $"[{Ints(l.Outputs.SelectMany(c => new[] { c.Plane, c.Cell.Row, c.Cell.Col }))},{Ints(l.Inputs.SelectMany(c => new[] { c.Plane, c.Cell.Row, c.Cell.Col }))}," +
            $"{Ints(l.Windows.SelectMany(w => new[] { w.Plane, w.TopLeft.Row, w.TopLeft.Col, w.Size.Rows, w.Size.Cols }))},{l.Shown.First},{l.Shown.Count}]"));
        json.Append("]}");
        // Inside a script element: no "</" may end it early.
        return json.ToString().Replace("</", "<\\/", StringComparison.Ordinal);
    }

    /// <summary>A CSP source for an inline element's text: its SHA-256.</summary>
    private static string Hash(string text) => "sha256-" + Convert.ToBase64String(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)));

    private static string Read(string name)
    {
        using var stream = typeof(Player).Assembly.GetManifestResourceStream($"ConvAnimations.Player.{name}")
            ?? throw new InvalidOperationException($"the resource {name} is not embedded in the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// The script as a page needs it: no comment lines, indentation or blank lines, and no space but between two
    /// words (outside quotes, which the script's regular expression has none of). Lines stay lines, so a statement
    /// ends where it did.
    /// </summary>
    internal static string CompactScript(string source) => string.Join('\n', Lines(source).Select(line =>
    {
        var text = new StringBuilder();
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is null && c == ' ' && !(Word(text.Length > 0 ? text[^1] : ' ') && i + 1 < line.Length && Word(line[i + 1]))) continue;
            if (quote == c && line[i - 1] != '\\') quote = null;
            else if (quote is null && c is '"' or '\'' or '`') quote = c;
            text.Append(c);
        }
        return text.ToString();
    }));

    /// <summary>The rules without comments, indentation or the spaces around punctuation.</summary>
    internal static string CompactRules(string source) =>
        Regex.Replace(Regex.Replace(string.Concat(Lines(source).Where(l => !l.StartsWith("/*", StringComparison.Ordinal))), @"\s*([{};,>])\s*", "$1"), @":\s+", ":");

    private static IEnumerable<string> Lines(string source) =>
        source.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal));

    private static bool Word(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$';
}
