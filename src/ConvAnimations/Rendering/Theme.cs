using ConvAnimations.Scenes;
using SkiaSharp;

namespace ConvAnimations.Rendering;

/// <summary>
/// Every colour and size of a figure, after the guide's Solarized look (../shared/facts.md).
/// Sizes are in pixels at the figure's scale.
/// </summary>
public sealed class Theme
{
    public static readonly SKColor Background = SKColors.White;
    public static readonly SKColor Input = SKColor.Parse("#268BD2");
    public static readonly SKColor Output = SKColor.Parse("#2AA198");
    public static readonly SKColor Lines = SKColor.Parse("#002B36");
    public static readonly SKColor Highlight = SKColor.Parse("#073642").WithAlpha(102);

    public Theme(double scale)
    {
        var s = (float)scale;
        CellSize = 29.5f * s;
        Margin = 21f * s;
        ThickLine = 1.7f * s;
        ThinLine = 0.8f * s;
        Dash = [6.5f * s, 4.5f * s];
    }

    public float CellSize { get; }
    public float Margin { get; }
    public float ThickLine { get; }
    public float ThinLine { get; }
    public float[] Dash { get; }

    public static SKColor ColourOf(Shade shade) => shade switch
    {
        Shade.Input => Input,
        Shade.Output => Output,
        _ => Highlight,
    };
}

/// <summary>The fonts the project ships; never the system's, so frames are identical on every machine.</summary>
public static class Fonts
{
    /// <summary>CMU Serif (Computer Modern, as in the guide), shipped with the project and loaded from its bytes.</summary>
    public static SKTypeface Serif()
    {
        using var stream = typeof(Fonts).Assembly.GetManifestResourceStream("ConvAnimations.Fonts.cmunrm.ttf")
            ?? throw new InvalidOperationException("the font ConvAnimations.Fonts.cmunrm.ttf is not embedded in the assembly");
        return SKTypeface.FromStream(stream)
            ?? throw new InvalidOperationException("SkiaSharp could not load the embedded font cmunrm.ttf");
    }
}
