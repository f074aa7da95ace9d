using ConvAnimations.Layout;
using ConvAnimations.Rendering;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;
using ConvAnimations.Views;
using SkiaSharp;

namespace ConvAnimations.Preparation;

/// <summary>
/// A figure made ready once, the one way from a figure to what is drawn and told of it: its view, its layout, its
/// scene and its size in pixels, each made the first time it is asked for and kept. Every command, the render
/// pipeline, the budget, the snapshots, the encoding floor and <c>serve</c> start from one. Measuring it builds the
/// scene's planes but none of its frames (they are made as they are drawn).
/// </summary>
public sealed class PreparedFigure
{
    private readonly Lazy<Animation> _animation;
    private readonly Lazy<Scene> _scene;
    private readonly Lazy<SKSizeI> _size;
    private readonly Lazy<string> _alt;
    private readonly Lazy<SKSizeI?> _panelsSize;

    public PreparedFigure(Figure figure)
    {
        Figure = figure;
        View = View.Of(figure);
        _animation = new(() => View.Layout(figure));
        _scene = new(() => View.Shown(Animation));
        _size = new(() => SceneRenderer.SizeOf(Scene));
        _alt = new(() => figure.Alt ?? View.Alt(Animation));
        // A paper's page is laid out by drawing its text: once, as the budget and the pipeline ask for it again and again.
        _panelsSize = new(() => Figure.Panels is not { } panels ? null
            : panels.Paper is null ? PanelLayout.Size(panels, Size, Figure.Scale) : PaperSize(panels));
    }

    public Figure Figure { get; }

    public string Name => Figure.Name;

    public View View { get; }

    /// <summary>The figure as data: grid, frames, numbers.</summary>
    public Animation Animation => _animation.Value;

    /// <summary>The figure placed on a canvas; its frames are made as they are drawn.</summary>
    public Scene Scene => _scene.Value;

    /// <summary>A frame's size in pixels at the figure's scale.</summary>
    public SKSizeI Size => _size.Value;

    /// <summary>The size of its panels page, when it has panels.</summary>
    public SKSizeI? PanelsSize => _panelsSize.Value;

    /// <summary>A paper's page in pixels as the largest format draws it (PNG at print's resolution).</summary>
    private SKSizeI PaperSize(Panels panels)
    {
        using var page = new PaperPanels(Scene, panels);
        var pixels = PaperPanels.Dpi / 72;
        return new SKSizeI((int)Math.Ceiling(page.Size.Width * pixels), (int)Math.Ceiling(page.Size.Height * pixels));
    }

    /// <summary><c>explain</c>.</summary>
    public string Describe() => View.Describe(Animation);

    /// <summary>Its alt text: figures.yaml's <c>alt:</c>, or the description its view writes (<c>explain --alt</c>).</summary>
    public string Alt() => _alt.Value;

    /// <summary><c>explain --json</c>.</summary>
    public string Json() => View.Json(Animation);

    /// <summary><c>explain --pytorch</c>, or null with the reason when the figure is no one layer.</summary>
    public string? PyTorch(out string? why)
    {
        why = View.NoPyTorch(Figure);
        return why is null ? View.PyTorch(Animation) : null;
    }

    public override string ToString() => Name;
}
