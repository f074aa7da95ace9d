using ConvAnimations.Spec;
using ConvAnimations.Views;

namespace ConvAnimations.Preparation;

/// <summary>A figures file read, its figures prepared and checked against the budget: what every command starts from.</summary>
/// <param name="Errors">The reader's errors, or else the budget's: none means every figure may be drawn.</param>
/// <param name="Warnings">Figures that will take long, to be shown before any work.</param>
public sealed record LoadedFile(string Path, IReadOnlyList<PreparedFigure> Figures, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>The figure of that name, or null.</summary>
    public PreparedFigure? Find(string name) => Figures.FirstOrDefault(f => f.Name == name);
}

/// <summary>
/// Loads a figures file: reads it with the views' table, prepares each figure and checks it against the budget, so
/// that whatever it accepts every command completes.
/// </summary>
public static class FigureLoader
{
    public static LoadedFile Load(string path, ViewTable? views = null) => Prepare((views ?? ViewTable.Default).Read(path));

    public static LoadedFile Parse(string text, string path, ViewTable? views = null) => Prepare((views ?? ViewTable.Default).Parse(text, path));

    private static LoadedFile Prepare(FigureFile file)
    {
        if (!file.IsValid) return new LoadedFile(file.Path, [], file.Errors.Select(e => e.ToString()).ToList(), []);
        var figures = file.Figures.Select(f => new PreparedFigure(f)).ToList();
        var issues = Budget.Check(figures).Concat(PaperLegibility.Check(figures)).ToList();
        var errors = issues.Where(i => i.IsError).Select(i => i.ToString()).ToList();
        return new LoadedFile(file.Path, errors.Count == 0 ? figures : [], errors, issues.Where(i => !i.IsError).Select(i => i.ToString()).ToList());
    }
}
