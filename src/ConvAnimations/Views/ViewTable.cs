using ConvAnimations.Spec;

namespace ConvAnimations.Views;

/// <summary>
/// The one table of views. The reader is given it to check figures (which words <c>view:</c> takes, which keys each
/// view adds, which figures suit it); every later stage asks a figure's view. Adding a view is its file, a line here
/// and its words in figures.schema.json. The first view is the default.
/// </summary>
public sealed class ViewTable
{
    public static ViewTable Default { get; } = new([
        KernelView.Instance,
        ChannelsView.Instance,
        MatrixView.Instance,
        HopsView.Instance,
        SubsamplingView.Instance,
        ComposedView.Sequence,
        ComposedView.Beside,
        StackView.Instance,
        BlocksView.Instance,
        ConnectivityView.Instance,
        ScatterView.Instance,
    ]);

    public ViewTable(IReadOnlyList<View> views) => Views = views;

    public IReadOnlyList<View> Views { get; }

    /// <summary>The words <c>view:</c> takes.</summary>
    public IReadOnlyList<string> Words => ViewChoice.Words(Views);

    /// <summary>The keys that compose a figure of others (sequence, beside).</summary>
    public IReadOnlyList<string> CompositionKeys => ViewChoice.CompositionKeys(Views);

    /// <summary>A table with these views too (a view of the same name replaces the table's).</summary>
    public ViewTable With(params View[] views) =>
        new([.. Views.Select(v => views.FirstOrDefault(n => n.Name == v.Name) ?? v), .. views.Where(n => Views.All(v => v.Name != n.Name))]);

    /// <summary>Reads a figures file with these views.</summary>
    public FigureFile Read(string path) => FigureFileReader.Read(path, Views);

    /// <summary>Reads figures.yaml text with these views.</summary>
    public FigureFile Parse(string text, string path) => FigureFileReader.Parse(text, path, Views);
}
