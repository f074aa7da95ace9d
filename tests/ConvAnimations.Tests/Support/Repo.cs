using ConvAnimations.Layout;
using ConvAnimations.Preparation;
using ConvAnimations.Spec;
using ConvAnimations.Views;

// The tests drive Linux tools (ffmpeg, chromium, mount) and Unix file modes.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

namespace ConvAnimations.Tests.Support;

/// <summary>Paths of the repository the tests run in, and its figures.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string FiguresFile => Path.Combine(Root, "figures.yaml");

    public static string SnapshotDirectory => Path.Combine(Root, "tests", "ConvAnimations.Tests", "Snapshots");

    private static readonly Lazy<FigureFile> Figures = new(() => ViewTable.Default.Read(FiguresFile));

    public static Figure Figure(string name) => Figures.Value.Figures.Single(f => f.Name == name);

    public static IEnumerable<object[]> FigureNames() => Figures.Value.Figures.Select(f => new object[] { f.Name });

    public static Animation Animation(string name) => Layouter.Layout(Figure(name));

    public static PreparedFigure Prepared(string name) => new(Figure(name));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ConvAnimations.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("ConvAnimations.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Figures made ready as every command makes them.</summary>
public static class Preparing
{
    public static PreparedFigure Prepared(this Figure figure) => new(figure);

    public static IReadOnlyList<PreparedFigure> Prepared(this IEnumerable<Figure> figures) => figures.Select(f => new PreparedFigure(f)).ToList();
}

/// <summary>A figure file written from text, for tests of the reader and the command line.</summary>
public static class Figures
{
    public static Figure Parse(string yaml)
    {
        var file = ViewTable.Default.Parse(yaml, "test.yaml");
        Assert.True(file.IsValid, string.Join("\n", file.Errors));
        return Assert.Single(file.Figures);
    }

    public static Figure Convolution(string kind, int[] input, int[] kernel, int[] stride, int[] padding, int[] dilation) =>
        Parse($"""
            figures:
              - name: f
                kind: {kind}
                input: [{input[0]}, {input[1]}]
                kernel: [{kernel[0]}, {kernel[1]}]
                stride: [{stride[0]}, {stride[1]}]
                padding: [{padding[0]}, {padding[1]}]
                dilation: [{dilation[0]}, {dilation[1]}]
            """);
}

/// <summary>A temporary directory removed after the test.</summary>
public sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("convanim-test-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
