using ConvAnimations.Arithmetic;
using ConvAnimations.Layout;
using ConvAnimations.Spec;

namespace ConvAnimations.Scenes;

/// <summary>
/// Where a plane lies, in cell units. Flat: its top-left corner on the page (y down). Isometric: its front-left
/// corner (the left end of its last row) on the ground, <see cref="Y"/> cells into the picture, raised by
/// <see cref="Elevation"/> cells.
/// </summary>
public readonly record struct Placement(float X, float Y, float Elevation);

/// <summary>
/// How the lines between a plane's cells are drawn: dashed under its cells (padding shows them), solid over them, or
/// thin and light (a matrix's zeros), or not at all (room around a diagram).
/// </summary>
public enum GridLine { Dashed, Solid, Faint, None }

/// <summary>
/// How a flat plane lies on the picture: as it is (the front of a block too), or as the top or the right side of a
/// block, receding up and to the right (a cabinet projection). A slanted picture draws every plane as it is.
/// </summary>
public enum Face { Plain, Top, Side }

/// <summary>The size of a plane's cells in cell units, per axis.</summary>
public readonly record struct Units(float Rows, float Cols)
{
    public static readonly Units One = new(1, 1);
}

/// <summary>The colours a cell can be filled with; the theme decides what they are.</summary>
public enum Shade { Input, Output, Highlight, SecondInput, ThirdInput, Background, InsertedZero, FourthInput, FifthInput, SixthInput, SeventhInput, EighthInput }

/// <summary>
/// A map of cells placed in the picture: the grid the kernel slides over, an output map. Drawn back to front in
/// scene order, each plane opaque, so later planes hide what lies behind them.
/// </summary>
/// <param name="Coloured">Whether its input and output cells show their colour from the first frame.</param>
/// <param name="Labels">Text written in its cells on every frame (the input's numbers).</param>
public sealed record Plane(CellKind[,] Cells, Placement At, GridLine Grid, bool Coloured, IReadOnlyList<Label> Labels)
{
    public Size2 Size => new(Cells.GetLength(0), Cells.GetLength(1));

    /// <summary>The shade of its input cells: a second input map behind the first takes another (the guide's violet).</summary>
    public Shade InputShade { get; init; } = Shade.Input;

    /// <summary>Blank cells (padding, inserted zeros) hide what lies behind them too, as in a stack of maps.</summary>
    public bool Opaque { get; init; }

    /// <summary>Its own projection in a scene that mixes them (a flat matrix beside a slanted kernel view); null: the scene's.</summary>
    public FigureStyle? Style { get; init; }

    /// <summary>How it lies on a flat picture: as it is unless it is a block's top or side.</summary>
    public Face Face { get; init; }

    /// <summary>The size of its cells in cell units on a flat picture: 1 by 1 unless stretched (a block's face, drawn at a size that reads).</summary>
    public Units Unit { get; init; } = Units.One;

    /// <summary>Moved on the picture after its projection, in cells (x right, y down): where a composed scene puts its part.</summary>
    public Offset Shift { get; init; }

    /// <summary>The frames it shows on (a part of a sequence); null: every frame.</summary>
    public FrameSpan? Visible { get; init; }

    public bool VisibleOn(int frame) => Visible is not { } span || span.Contains(frame);
}

/// <summary>A distance on the picture in cells, x right and y down.</summary>
public readonly record struct Offset(float X, float Y);

/// <summary>Frames <see cref="First"/> to <see cref="First"/> + <see cref="Count"/> - 1.</summary>
public readonly record struct FrameSpan(int First, int Count)
{
    public bool Contains(int frame) => frame >= First && frame < First + Count;
}

/// <summary>What one frame adds to the planes: its marks, listed back to front by plane.</summary>
public sealed record SceneFrame(IReadOnlyList<Mark> Marks);

/// <summary>Where a caption goes: in a band above or below every plane, so it never covers a map or a line.</summary>
public enum Band { Above, Below }

/// <summary>
/// Upright text beside the maps: centred under (or over) plane <see cref="Plane"/>, or across the picture when null;
/// lines of a band are stacked in order and captions that would collide move down a line.
/// </summary>
public sealed record Caption(string Text, Band Band, int? Plane);

/// <summary>A key of the legend: a swatch drawn like the cells it stands for, and its name.</summary>
public sealed record LegendEntry(string Text, Shade? Fill, bool Dashed);

/// <summary>The text around the maps: captions and a legend (both empty in the guide's look).</summary>
public sealed record Annotations(IReadOnlyList<Caption> Captions, IReadOnlyList<LegendEntry> Legend)
{
    public static readonly Annotations None = new([], []);
}

/// <summary>
/// A figure placed on a canvas in cell units: its planes and, per frame, what changes. Pure data with no drawing
/// library in it; a figure kind is a way of building one, and the renderer draws any scene without knowing kinds.
/// </summary>
public sealed record Scene(FigureStyle Style, IReadOnlyList<Plane> Planes, IReadOnlyList<SceneFrame> Frames, double Scale, ThemeSpec Theme, Annotations Annotations)
{
    /// <summary>
    /// Whether the frames carry text (a GIF palette needs more colours for glyph edges): numbers, which always include
    /// a plane's, or captions and a legend.
    /// </summary>
    public bool HasText => Planes.Any(p => p.Labels.Count > 0) || Annotations.Captions.Count > 0 || Annotations.Legend.Count > 0;

    /// <summary>Which of its cells computed which (what the interactive player highlights); none for a diagram.</summary>
    public CellLinks Links { get; init; } = CellLinks.None;
}

/// <summary>
/// A frame's marks are made when the frame is drawn, not when the scene is: measuring a scene (the budget, the
/// batches) needs only its planes, and a figure of thousands of frames holds none of them.
/// </summary>
internal sealed class OnDemand<T>(int count, Func<int, T> make) : IReadOnlyList<T>
{
    public int Count => count;

    public T this[int index] => (uint)index < (uint)count ? make(index) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<T> GetEnumerator()
    {
        for (var i = 0; i < count; i++) yield return make(i);
    }

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
