using ConvAnimations.Arithmetic;
using ConvAnimations.Pipeline;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;

namespace ConvAnimations.Tests.Pipeline;

/// <summary>The render cache's key covers every field of a figure, so no change can be served stale files.</summary>
public sealed class CacheKeyTests
{
    private const string Tool = "build|ffmpeg";

    private static readonly Figure Numerical = Repo.Figure("numerical_padding_strides");

    /// <summary>One change per field of <see cref="Figure"/>, and of the records it holds.</summary>
    private static readonly Dictionary<string, Func<Figure, Figure>> Changes = new()
    {
        [nameof(Figure.Name)] = f => f with { Name = f.Name + "x" },
        [nameof(Figure.Title)] = f => f with { Title = f.Title + "x" },
        [nameof(Figure.Kind)] = f => f with { Kind = Kind.MaxPooling },
        [nameof(Figure.Geometry)] = f => f with { Geometry = f.Geometry with { Cols = f.Geometry.Cols with { Padding = f.Geometry.Cols.Padding + 1 } } },
        [nameof(Figure.FrameMs)] = f => f with { FrameMs = f.FrameMs + 10 },
        [nameof(Figure.Formats)] = f => f with { Formats = [.. f.Formats, OutputFormat.Webp] },
        [nameof(Figure.Scale)] = f => f with { Scale = f.Scale * (1 + 1e-12) },
        [nameof(Figure.Style)] = f => f with { Style = f.Style == FigureStyle.Flat ? FigureStyle.Isometric : FigureStyle.Flat },
        [nameof(Figure.Values)] = f =>
        {
            var input = (double[,])f.Values!.Input.Clone();
            input[1, 2] += 0.5;
            return f with { Values = f.Values with { Input = input } };
        },
        [nameof(Figure.Panels)] = f => f with { Panels = f.Panels! with { Columns = f.Panels.Columns + 1 } },
        [nameof(Figure.Look)] = f => f with { Look = f.Look with { Theme = f.Look.Theme with { Base = ThemeName.Print } } },
        [nameof(Figure.View)] = f => f with { View = MatrixView.Instance },
        [nameof(Figure.Options)] = f => f with { Options = new SomeOptions(1) },
        [nameof(Figure.Parts)] = f => f with { Parts = [f] },
        [nameof(Figure.Channels)] = f => f with { Channels = f.Channels with { In = f.Channels.In + 1 } },
        [nameof(Figure.Alt)] = f => f with { Alt = "Another description" },
        [nameof(Figure.PaddingWords)] = f => f with { PaddingWords = new PaddingWords(PaddingWord.Half, null) },
        [nameof(Figure.Play)] = f => f with { Play = new Play("[0]", [0], f.FrameCount) },
        [nameof(Figure.OutputUnits)] = f => f with { OutputUnits = f.OutputUnits + 1 },
    };

    [Fact]
    public void The_changes_cover_every_field_of_a_figure_but_its_place_in_the_file()
    {
        // Positional fields and those set by initialisers.
        var fields = typeof(Figure).GetConstructors().Single().GetParameters().Select(p => p.Name!)
            .Concat(typeof(Figure).GetProperties().Where(p => p.CanWrite && p.SetMethod!.IsPublic).Select(p => p.Name)).Distinct().Order();
        Assert.Equal(fields.Where(f => f != nameof(Figure.Location)), Changes.Keys.Order());
        Assert.Equal(Changes.Keys.Order(), Canonical.Fields(typeof(Figure)).Select(p => p.Name).Order());
    }

    [Theory]
    [MemberData(nameof(FieldNames))]
    public void Changing_any_field_changes_the_key(string field)
    {
        Assert.NotEqual(RenderCache.KeyOf(Numerical, Tool), RenderCache.KeyOf(Changes[field](Numerical), Tool));
    }

    public static IEnumerable<object[]> FieldNames() => Changes.Keys.Select(k => new object[] { k });

    [Fact]
    public void Nested_values_count_element_by_element()
    {
        var key = RenderCache.KeyOf(Numerical, Tool);
        var kernel = (double[,])Numerical.Values!.Kernel!.Clone();
        kernel[2, 2] = -kernel[2, 2] - 1;
        Assert.NotEqual(key, RenderCache.KeyOf(Numerical with { Values = Numerical.Values with { Kernel = kernel } }, Tool));
        Assert.NotEqual(key, RenderCache.KeyOf(Numerical with { Panels = Numerical.Panels! with { Frames = [0, 1] } }, Tool));
        Assert.NotEqual(key, RenderCache.KeyOf(Numerical with { Panels = Numerical.Panels! with { Formats = [OutputFormat.Png] } }, Tool));
        Assert.NotEqual(key, RenderCache.KeyOf(Numerical with { Panels = null }, Tool));
        Assert.NotEqual(key, RenderCache.KeyOf(Numerical with { Geometry = new Geometry(Numerical.Geometry.Cols with { Dilation = 2 }, Numerical.Geometry.Cols) }, Tool));
        // A multi-channel figure's maps and weights, past the first ones.
        var maps = Repo.Figure("numerical_two_channels");
        var stack = maps.Values!.Channels!;
        var input = stack.Input.Select(m => (double[,])m.Clone()).ToList();
        input[1][4, 4] += 1;
        var weight = stack.Weight!.Select(w => (IReadOnlyList<double[,]>)w.Select(k => (double[,])k.Clone()).ToList()).ToList();
        ((double[,])weight[0][1])[0, 0] += 1;
        var mapsKey = RenderCache.KeyOf(maps, Tool);
        Assert.NotEqual(mapsKey, RenderCache.KeyOf(maps with { Values = maps.Values with { Channels = stack with { Input = input } } }, Tool));
        Assert.NotEqual(mapsKey, RenderCache.KeyOf(maps with { Values = maps.Values with { Channels = stack with { Weight = weight } } }, Tool));
        Assert.NotEqual(mapsKey, RenderCache.KeyOf(maps with { Channels = maps.Channels with { Groups = 2, Out = 2 } }, Tool));
    }

    [Fact]
    public void The_same_figure_read_again_has_the_same_key_wherever_it_is_written()
    {
        var again = ViewTable.Default.Read(Repo.FiguresFile).Figures.Single(f => f.Name == Numerical.Name);
        Assert.NotSame(Numerical, again);
        Assert.Equal(RenderCache.KeyOf(Numerical, Tool), RenderCache.KeyOf(again, Tool));
        Assert.Equal(RenderCache.KeyOf(Numerical, Tool), RenderCache.KeyOf(Numerical with { Location = new SourceLocation("other.yaml", 99, 3) }, Tool));
    }

    [Fact]
    public void Another_build_or_another_ffmpeg_changes_every_key()
    {
        Assert.NotEqual(RenderCache.KeyOf(Numerical, Tool), RenderCache.KeyOf(Numerical, Tool + "2"));
        Assert.Contains("ffmpeg /", RenderCache.ToolIdentity());
    }
}

/// <summary>What a view's own keys might read into: here only to change a figure's options.</summary>
internal sealed record SomeOptions(int Value) : ViewOptions;
