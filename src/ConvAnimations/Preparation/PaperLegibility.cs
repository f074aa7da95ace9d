using System.Globalization;
using ConvAnimations.Rendering;
using ConvAnimations.Scenes;

namespace ConvAnimations.Preparation;

/// <summary>
/// Panels for a paper whose numbers come out too small to read: the numbers in the cells scale with the cells, which
/// share the page's width. Reported as a warning with what to change, before any work.
/// </summary>
public static class PaperLegibility
{
    /// <summary>The least height of a number's font in print, in points.</summary>
    public const double SmallestNumbers = 5;

    public static IEnumerable<BudgetIssue> Check(IEnumerable<PreparedFigure> figures)
    {
        foreach (var prepared in figures)
        {
            var figure = prepared.Figure;
            if (figure.Panels is not { Paper: { } paper } panels) continue;
            var labels = prepared.Scene.Planes.SelectMany(p => p.Labels).Select(l => l.Size).ToList();
            if (labels.Count == 0) continue;
            using var page = new PaperPanels(prepared.Scene, panels);
            var size = labels.Min() * page.Cell;
            if (size >= SmallestNumbers) continue;
            yield return new BudgetIssue(figure.Location, figure.Name,
                $"panels: the numbers in the cells would be {Points(size)} pt on a page {Points(paper.Width)} pt wide in {Spec.Plural.Of(panels.Columns, "column")} " +
                $"(the text is {Points(paper.Text)} pt): use fewer columns or a wider page to make them at least {Points(SmallestNumbers)} pt", IsError: false);
        }
    }

    private static string Points(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

}
