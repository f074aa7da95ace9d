using ConvAnimations.Arithmetic;
using ConvAnimations.Layout;

namespace ConvAnimations.Scenes;

/// <summary>Where text stands against its point: its left end, its middle or its right end.</summary>
public enum TextAlign { Left, Center, Right }

/// <summary>What text sits on: a fill (none: the background), maybe under the highlight; the theme picks the ink from it.</summary>
public readonly record struct Surface(Shade? Fill, bool Highlighted)
{
    public static readonly Surface Background = new(null, false);
}

/// <summary>A point of a plane, in its cell units (column right, row down, from its top-left corner).</summary>
public readonly record struct PlanePoint(int Plane, float Col, float Row);

/// <summary>Something drawn on one frame, on (or from) one plane, after that plane and before the next.</summary>
public abstract record Mark(int Plane)
{
    /// <summary>Hands the mark to the writer's method for its type: a new mark type is a compile error in every writer until it is drawn there too.</summary>
    public abstract T Accept<T>(IMarkVisitor<T> visitor);
}

/// <summary>Cells filled with a shade (the kernel's taps darkened, output cells as they are computed).</summary>
public sealed record CellFill(int Plane, IReadOnlyList<Cell> Cells, Shade Shade) : Mark(Plane)
{
    public override T Accept<T>(IMarkVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary>The solid borders of a set of cells, each shared edge once.</summary>
public sealed record CellBorders(int Plane, IReadOnlyList<Cell> Cells) : Mark(Plane)
{
    public override T Accept<T>(IMarkVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary>Every line of a block of cells, solid (the kernel's window).</summary>
public sealed record BlockLines(int Plane, Cell TopLeft, Size2 Size) : Mark(Plane)
{
    /// <summary>Dashed like a grid of padding (a map drawn again in front of others), rather than solid.</summary>
    public bool Dashed { get; init; }

    public override T Accept<T>(IMarkVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary>
/// Text lying in a plane, its digits' middle at (<see cref="Col"/>, <see cref="Row"/>), <see cref="Size"/> cells high
/// (the font's size), sitting on <see cref="On"/>.
/// </summary>
public sealed record Label(int Plane, float Col, float Row, string Text, float Size, TextAlign Align, Surface On) : Mark(Plane)
{
    public override T Accept<T>(IMarkVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary>A thin line from a point of one plane to a point of a later one, hidden where it passes behind that plane.</summary>
public sealed record Connector(PlanePoint From, PlanePoint To) : Mark(From.Plane)
{
    public override T Accept<T>(IMarkVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary>How heavy a line is: the theme's thin or thick line.</summary>
public enum Weight { Thin, Thick }

/// <summary>A straight line lying in a plane, in its cell units, with an arrowhead at its end when asked (a hop of the kernel).</summary>
public sealed record Segment(int Plane, float FromCol, float FromRow, float ToCol, float ToRow, Weight Weight, bool Arrowhead) : Mark(Plane)
{
    public override T Accept<T>(IMarkVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary>Three dots centred at (<see cref="Col"/>, <see cref="Row"/>): lines of a matrix left out.</summary>
public sealed record Ellipsis(int Plane, float Col, float Row, bool Vertical) : Mark(Plane)
{
    public override T Accept<T>(IMarkVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary>The outline of a block of cells, thick (the line of a matrix a frame computes).</summary>
public sealed record BlockOutline(int Plane, Cell TopLeft, Size2 Size) : Mark(Plane)
{
    public override T Accept<T>(IMarkVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary>A round dot at (<see cref="Col"/>, <see cref="Row"/>): a position of the window's middle.</summary>
public sealed record Dot(int Plane, float Col, float Row) : Mark(Plane)
{
    public override T Accept<T>(IMarkVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary>
/// A unit of a layer drawn as the slides draw neurons (view: connectivity): a circle of <see cref="Radius"/> cells
/// centred at (<see cref="Col"/>, <see cref="Row"/>), filled with a shade (none: the background), its outline solid or
/// dashed (a zero unit, as padding and inserted zeros are dashed in the guide's grids), maybe under the highlight.
/// </summary>
public sealed record Unit(int Plane, float Col, float Row, float Radius, Shade? Fill, bool Dashed, bool Highlighted) : Mark(Plane)
{
    public override T Accept<T>(IMarkVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary>How much an edge stands out: fully, faint (it leaves a zero unit, or is one of a dense layer's many), or as a hairline among hundreds.</summary>
public enum EdgeTone { Full, Faint, Hairline }

/// <summary>
/// A connection from one unit to another (view: connectivity), in the colour of the kernel tap whose weight it
/// carries (the theme's tap colours; none: the lines' colour, for a layer whose edges share no weight), thick when
/// it computes the frame's output, and in a tone that lets the frame's edges stand out from the pattern.
/// </summary>
public sealed record Edge(int Plane, float FromCol, float FromRow, float ToCol, float ToRow, int? Tap, Weight Weight, EdgeTone Tone) : Mark(Plane)
{
    public override T Accept<T>(IMarkVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary>Cells washed with a shade at <see cref="Level"/> (0 to 1) of its strength: a count drawn as depth of colour (the scatter's overlap).</summary>
public sealed record Tint(int Plane, IReadOnlyList<Cell> Cells, Shade Shade, float Level) : Mark(Plane)
{
    public override T Accept<T>(IMarkVisitor<T> visitor) => visitor.Visit(this);
}

/// <summary>What every writer of scenes implements: a way to draw each kind of mark.</summary>
public interface IMarkVisitor<out T>
{
    T Visit(CellFill fill);
    T Visit(CellBorders borders);
    T Visit(BlockLines block);
    T Visit(Label label);
    T Visit(Connector connector);
    T Visit(Segment segment);
    T Visit(Ellipsis dots);
    T Visit(BlockOutline outline);
    T Visit(Dot dot);
    T Visit(Unit unit);
    T Visit(Edge edge);
    T Visit(Tint tint);
}
