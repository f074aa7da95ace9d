using System.Globalization;
using System.Text.RegularExpressions;

namespace ConvAnimations.Spec;

/// <summary>
/// Panels as a page for a paper: <see cref="Width"/> and <see cref="Text"/> in points (1/72 in, as PDF and LaTeX's
/// bp), letters (a), (b), ... under the panels. Included at its width, every text of the page is <see cref="Text"/>
/// points high: labels and legend once for the page, a caption line and the legend below the panels.
/// </summary>
public sealed record PanelPaper(double Width, double Text, bool Letters);

/// <summary>The paper keys of <c>panels</c>: <c>width: 120mm</c> (mm, cm, in or pt), <c>text: 8pt</c>, <c>letters: true</c>.</summary>
internal static partial class PaperRules
{
    public static readonly string[] Keys = ["width", "text", "letters"];

    /// <summary>The text size when none is given: a figure's words at 8 pt, as a paper's small captions.</summary>
    public const double DefaultText = 8;

    private static readonly Dictionary<string, double> PointsPer = new() { ["pt"] = 1, ["mm"] = 72 / 25.4, ["cm"] = 72 / 2.54, ["in"] = 72 };

    [GeneratedRegex(@"^\s*([0-9]+(?:\.[0-9]+)?)\s*(mm|cm|in|pt)\s*$")]
    private static partial Regex Length();

    public static bool Read(RawMap map, Report report, out PanelPaper? paper)
    {
        paper = null;
        var ok = true;
        double? width = null, text = null;
        bool? letters = null;
        if (map["width"] is { } widthNode)
        {
            if (Points(widthNode, report, "panels.width", 72, 1440, "1in to 20in", out var w)) width = w;
            else ok = false;
        }
        if (map["text"] is { } textNode)
        {
            if (Points(textNode, report, "panels.text", 4, 24, "4pt to 24pt", out var t)) text = t;
            else ok = false;
        }
        if (map["letters"] is { } lettersNode)
        {
            if (FlagRules.Flag("panels.letters")(lettersNode, report, out var l)) letters = l;
            else ok = false;
        }
        if (width is null && (text is not null || letters is not null))
        {
            report.Error(map["text"] ?? map["letters"]!, "panels: text and letters make a page for a paper, which needs its width: add width, such as width: 120mm");
            return false;
        }
        if (width is { } pageWidth) paper = new PanelPaper(pageWidth, text ?? DefaultText, letters ?? false);
        return ok;
    }

    private static bool Points(RawNode node, Report report, string key, double least, double most, string range, out double points)
    {
        points = 0;
        var text = (node as RawScalar)?.Value ?? "";
        if (Length().Match(text) is not { Success: true } match)
        {
            report.Error(node, $"{key}: expected a length with its unit, such as 120mm, 12cm, 4.7in or 340pt, got {RawYaml.Describe(node)}");
            return false;
        }
        points = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) * PointsPer[match.Groups[2].Value];
        if (points >= least - 1e-9 && points <= most + 1e-9) return true;
        report.Error(node, $"{key}: {text} is out of range: use {range}");
        return false;
    }
}
