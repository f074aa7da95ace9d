using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;

namespace ConvAnimations.Tests.Cli;

/// <summary>`init`: the starter file validates, renders, has one figure of each kind, and names the schema written beside it.</summary>
public sealed class InitCommandTests
{
    [Fact]
    public void The_starter_file_validates_and_renders_one_figure_of_each_kind()
    {
        using var dir = new TempDirectory();
        var path = dir.File("sub/mine.yaml");
        var init = InProcess.Convanim("init", path);
        Assert.True(init.ExitCode == 0, init.Stderr);
        Assert.Equal("# yaml-language-server: $schema=./figures.schema.json", File.ReadLines(path).First());
        Assert.Equal(File.ReadAllText(Path.Combine(Repo.Root, "figures.schema.json")), File.ReadAllText(dir.File("sub/figures.schema.json")));

        var validate = InProcess.Convanim("validate", path);
        Assert.True(validate.ExitCode == 0, validate.Stderr);
        var figures = ViewTable.Default.Read(path).Figures;
        Assert.Equal(Kind.All.Select(k => k.Name).Order(), figures.Select(f => f.Kind.Name).Distinct().Order());
        Assert.Contains(figures, f => f.Values is not null);

        var render = InProcess.Convanim("render", path, "--out", dir.File("out"), "--quiet");
        Assert.True(render.ExitCode == 0, render.Stderr);
        foreach (var figure in figures)
        {
            foreach (var format in figure.Formats) Assert.True(new FileInfo(dir.File($"out/{figure.Name}.{format.Extension}")).Length > 0, $"{figure.Name} {format}");
        }
        Assert.True(File.Exists(dir.File("out/index.html")));
    }

    [Fact]
    public void Init_never_overwrites_a_file_unless_forced()
    {
        using var dir = new TempDirectory();
        var path = dir.File("figures.yaml");
        File.WriteAllText(path, "mine");
        File.WriteAllText(dir.File("figures.schema.json"), "my own schema");
        var refused = InProcess.Convanim("init", path);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("exists", refused.Stderr);
        Assert.Equal("mine", File.ReadAllText(path));

        Assert.Equal(0, InProcess.Convanim("init", path, "--force").ExitCode);
        Assert.True(ViewTable.Default.Read(path).IsValid);
        Assert.Equal("my own schema", File.ReadAllText(dir.File("figures.schema.json")));
    }
}
