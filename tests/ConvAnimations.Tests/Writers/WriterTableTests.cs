using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Writers;

namespace ConvAnimations.Tests.Writers;

/// <summary>
/// What a format is (Spec's OutputFormat: one file a figure or one a frame, panels or not) is decided in one place;
/// the writers' table gives each format a writer, and the writer must make exactly the files that says.
/// </summary>
public sealed class WriterTableTests
{
    public static IEnumerable<object[]> Formats => OutputFormat.All.Select(f => new object[] { f.Name });

    [Theory]
    [MemberData(nameof(Formats))]
    public void Each_formats_writer_makes_the_files_its_layout_says(string name)
    {
        var format = OutputFormat.Parse(name)!;
        var figure = Figures.Parse("figures:\n  - {name: t, input: 4, kernel: 2, formats: [gif]}\n");
        var writer = FigureOutputs.WriterOf(format);
        var files = writer.Files(figure, format, "out").ToList();
        Assert.Equal(files.Count, files.Select(f => f.Path).Distinct().Count());
        var named = files.Where(f => f.Path.EndsWith("." + format.Extension, StringComparison.Ordinal)).ToList();
        if (format.Files == FileLayout.OnePerFigure)
        {
            Assert.Equal(Path.Combine("out", "t." + format.Extension), Assert.Single(named).Path);
        }
        else
        {
            // A file a frame in the figure's folder (a format may write a companion beside each, as TikZ's .tex).
            Assert.Equal(Enumerable.Range(0, figure.FrameCount), named.Select(f => Assert.IsAssignableFrom<IFrameFile>(f).Frame));
            Assert.All(files, f => Assert.Equal(Path.Combine("out", "t"), Path.GetDirectoryName(f.Path)));
        }
        var panels = new Panels([0, 1], 2, [format]);
        Assert.Equal(format.HoldsPanels, writer.PanelsFiles(figure, panels, format, "out").Any());
        Assert.Equal(format.Files == FileLayout.OnePerFrame, format.IsStill);
        Assert.Equal(format.Medium == Medium.Animation, FigureOutputs.NeedsFfmpeg(format));
    }
}
