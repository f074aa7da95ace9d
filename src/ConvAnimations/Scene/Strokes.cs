namespace ConvAnimations.Scenes;

/// <summary>A distance on the picture in cells, x right and y down.</summary>
public readonly record struct Offset(float X, float Y);

/// <summary>Frames <see cref="First"/> to <see cref="First"/> + <see cref="Count"/> - 1.</summary>
public readonly record struct FrameSpan(int First, int Count)
{
    public bool Contains(int frame) => frame >= First && frame < First + Count;
}

/// <summary>How heavy a line is: the theme's thin or thick line.</summary>
public enum Weight { Thin, Thick }

/// <summary>A straight line lying in a plane, in its cell units, with an arrowhead at its end when asked (a hop of the kernel).</summary>
public sealed record Segment(int Plane, float FromCol, float FromRow, float ToCol, float ToRow, Weight Weight, bool Arrowhead) : Mark(Plane);

/// <summary>Three dots centred at (<see cref="Col"/>, <see cref="Row"/>): lines of a matrix left out.</summary>
public sealed record Ellipsis(int Plane, float Col, float Row, bool Vertical) : Mark(Plane);

/// <summary>The outline of a block of cells, thick (the line of a matrix a frame computes).</summary>
public sealed record BlockOutline(int Plane, Layout.Cell TopLeft, Arithmetic.Size2 Size) : Mark(Plane);

/// <summary>A round dot at (<see cref="Col"/>, <see cref="Row"/>): a position of the window's middle.</summary>
public sealed record Dot(int Plane, float Col, float Row) : Mark(Plane);
