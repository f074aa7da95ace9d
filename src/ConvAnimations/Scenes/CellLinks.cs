using ConvAnimations.Arithmetic;
using ConvAnimations.Layout;

namespace ConvAnimations.Scenes;

/// <summary>A cell of one plane of a scene.</summary>
public readonly record struct PlaneCell(int Plane, Cell Cell);

/// <summary>A window of cells on a plane: where a kernel lay when it computed an output.</summary>
public sealed record LinkedWindow(int Plane, Cell TopLeft, Size2 Size);

/// <summary>
/// One computation a reader can follow between the maps of a scene: the output cells it gives (an output map's cell,
/// and its entry of y in a matrix view), the cells it reads (the taps on each input map it reads, padding and inserted
/// zeros included, and what stands for them in a matrix view) and where its windows lay. <see cref="Shown"/>: the
/// frames that show it being computed.
/// </summary>
public sealed record CellLink(IReadOnlyList<PlaneCell> Outputs, IReadOnlyList<PlaneCell> Inputs, IReadOnlyList<LinkedWindow> Windows, FrameSpan Shown);

/// <summary>A plane whose cells are linked, named for the reader ("input", "output 2", "x").</summary>
public sealed record LinkedMap(int Plane, string Name);

/// <summary>
/// Which cells of a scene computed which: the maps that take part and, in frame order, every computation, made from
/// the layout's frames (their taps, the maps each output map reads) when asked for, as a scene's frames are.
/// </summary>
public sealed record CellLinks(IReadOnlyList<LinkedMap> Maps, IReadOnlyList<CellLink> Links)
{
    public static readonly CellLinks None = new([], []);

    /// <summary>One link a frame, made when asked for.</summary>
    public static CellLinks PerFrame(IReadOnlyList<LinkedMap> maps, int frames, Func<int, CellLink> link) => new(maps, new OnDemand<CellLink>(frames, link));

    /// <summary>A kernel's frame on one input plane and one output plane: the output cell, the taps and the window.</summary>
    public static CellLink Of(Frame frame, int index, Size2 window, IReadOnlyList<int> inputPlanes, int outputPlane) => new(
        [new PlaneCell(outputPlane, frame.Output)],
        [.. inputPlanes.SelectMany(p => frame.Taps.Select(t => new PlaneCell(p, t)))],
        [.. inputPlanes.Select(p => new LinkedWindow(p, frame.Window, window))],
        new FrameSpan(index, 1));

    /// <summary>These links with every plane moved by <paramref name="offset"/> and each span mapped (a part of a composed scene).</summary>
    public CellLinks Moved(int offset, Func<FrameSpan, FrameSpan> span)
    {
        if (Links.Count == 0) return this;
        PlaneCell Cell(PlaneCell c) => c with { Plane = c.Plane + offset };
        CellLink Move(CellLink l) =>
            new(l.Outputs.Select(Cell).ToList(), l.Inputs.Select(Cell).ToList(), l.Windows.Select(w => w with { Plane = w.Plane + offset }).ToList(), span(l.Shown));
        var links = Links;
        return new(Maps.Select(m => m with { Plane = m.Plane + offset }).ToList(), new OnDemand<CellLink>(links.Count, i => Move(links[i])));
    }

    /// <summary>Links of several scenes together (their planes already numbered apart).</summary>
    public static CellLinks Concat(IReadOnlyList<CellLinks> parts)
    {
        var nonEmpty = parts.Where(p => p.Links.Count > 0).ToList();
        if (nonEmpty.Count <= 1) return nonEmpty.FirstOrDefault() ?? None;
        var starts = new List<int>();
        var total = 0;
        foreach (var part in nonEmpty)
        {
            starts.Add(total);
            total += part.Links.Count;
        }
        return new(nonEmpty.SelectMany(p => p.Maps).ToList(), new OnDemand<CellLink>(total, i =>
        {
            var k = starts.FindLastIndex(s => s <= i);
            return nonEmpty[k].Links[i - starts[k]];
        }));
    }
}
