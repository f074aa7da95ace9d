using ConvAnimations.Preparation;
using ConvAnimations.Rendering;
using ConvAnimations.Scenes;
using SkiaSharp;

namespace ConvAnimations.Snapshots;

public enum SnapshotStatus { Matched, Changed, Missing, Written }

/// <summary>One changed frame of a figure: its index and its tile on the expected, received and diff sheets.</summary>
public sealed record FrameChange(int Frame, int ChangedPixels, SKRectI Tile);

public sealed record SnapshotResult(
    string Name,
    SnapshotStatus Status,
    string VerifiedPath,
    string ReceivedPath,
    string DiffPath,
    IReadOnlyList<FrameChange> Changes,
    string? Detail = null);

/// <summary>
/// Snapshots of a figure's frames after Verify's convention: <c>NAME.verified.png</c> is committed; on a mismatch
/// <c>NAME.received.png</c> and <c>NAME.diff.png</c> are written next to it (and ignored by git). The tests and the
/// <c>check</c> and <c>snapshot</c> commands all go through here.
/// </summary>
public static class SnapshotStore
{
    public static string VerifiedPath(string directory, string name) => Path.Combine(directory, $"{name}.verified.png");

    public static string ReceivedPath(string directory, string name) => Path.Combine(directory, $"{name}.received.png");

    public static string DiffPath(string directory, string name) => Path.Combine(directory, $"{name}.diff.png");

    private static string LayoutPath(string directory, string name, string kind) => Path.Combine(directory, $"{name}.{kind}.json");

    /// <summary>The names of the figures that have a verified snapshot (of frames or layout) in the folder.</summary>
    public static IReadOnlyList<string> VerifiedNames(string directory) =>
        !Directory.Exists(directory) ? []
        : Directory.EnumerateFiles(directory, "*.verified.png").Concat(Directory.EnumerateFiles(directory, "*.verified.json"))
            .Select(path => Path.GetFileName(path)[..Path.GetFileName(path).IndexOf(".verified.", StringComparison.Ordinal)])
            .Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>Removes every snapshot file of a figure (verified, received, diff) from the folder.</summary>
    public static void Remove(string directory, string name)
    {
        foreach (var path in new[] { VerifiedPath(directory, name), ReceivedPath(directory, name), DiffPath(directory, name), LayoutPath(directory, name, "verified"), LayoutPath(directory, name, "received") })
        {
            File.Delete(path);
        }
    }

    /// <summary>Compares the figure's frames with its verified sheet; writes the sheet when missing and <paramref name="writeMissing"/>.</summary>
    public static SnapshotResult Check(PreparedFigure figure, string directory, bool writeMissing)
    {
        var name = figure.Name;
        var (verified, received, diff) = (VerifiedPath(directory, name), ReceivedPath(directory, name), DiffPath(directory, name));
        using var renderer = new SceneRenderer(Reduced(figure));
        using var actual = ContactSheet.Render(renderer);
        Directory.CreateDirectory(directory);

        if (!File.Exists(verified))
        {
            if (writeMissing)
            {
                Save(actual, verified);
                return new SnapshotResult(name, SnapshotStatus.Written, verified, received, diff, []);
            }
            Save(actual, received);
            return new SnapshotResult(name, SnapshotStatus.Missing, verified, received, diff, [], $"no frame snapshot {verified}");
        }

        using var expected = ImageComparer.Load(verified);
        var changes = new List<FrameChange>();
        string? detail = null;
        if (expected is null || expected.Width != actual.Width || expected.Height != actual.Height)
        {
            detail = expected is null ? "the verified image cannot be read" : $"size changed from {expected.Width}x{expected.Height} to {actual.Width}x{actual.Height}";
            changes.AddRange(Enumerable.Range(0, renderer.FrameCount).Select(i => new FrameChange(i, -1, ContactSheet.TileOf(i, renderer.FrameCount, renderer.Size))));
        }
        else
        {
            for (var i = 0; i < renderer.FrameCount; i++)
            {
                var tile = ContactSheet.TileOf(i, renderer.FrameCount, renderer.Size);
                var difference = ImageComparer.Compare(expected, actual, tile);
                if (!difference.IsSame) changes.Add(new FrameChange(i, difference.ChangedPixels, tile));
            }
        }

        if (changes.Count == 0)
        {
            File.Delete(received);
            File.Delete(diff);
            return new SnapshotResult(name, SnapshotStatus.Matched, verified, received, diff, []);
        }
        Save(actual, received);
        if (expected is not null)
        {
            using var diffImage = ImageComparer.DiffImage(expected, actual);
            Save(diffImage, diff);
        }
        return new SnapshotResult(name, SnapshotStatus.Changed, verified, received, diff, changes, detail);
    }

    /// <summary>
    /// Compares the figure's layout (the text of <c>explain --json</c>) with NAME.verified.json; on a change writes
    /// NAME.received.json and names the first differing line.
    /// </summary>
    public static SnapshotResult CheckLayout(PreparedFigure figure, string directory, bool writeMissing)
    {
        var name = figure.Name;
        var (verified, received) = (LayoutPath(directory, name, "verified"), LayoutPath(directory, name, "received"));
        var json = figure.Json();
        Directory.CreateDirectory(directory);
        SnapshotResult Result(SnapshotStatus status, string? detail = null) => new(name, status, verified, received, "", [], detail);
        if (!File.Exists(verified))
        {
            File.WriteAllText(writeMissing ? verified : received, json);
            return Result(writeMissing ? SnapshotStatus.Written : SnapshotStatus.Missing, $"no layout snapshot {verified}");
        }
        var expected = File.ReadAllText(verified);
        if (expected == json)
        {
            File.Delete(received);
            return Result(SnapshotStatus.Matched);
        }
        File.WriteAllText(received, json);
        return Result(SnapshotStatus.Changed, $"layout changed: {FirstDifference(expected, json)}");
    }

    /// <summary>Renders the figure's frames and layout into its verified snapshots, replacing what was there.</summary>
    public static void Accept(PreparedFigure figure, string directory)
    {
        var name = figure.Name;
        using var renderer = new SceneRenderer(Reduced(figure));
        using var sheet = ContactSheet.Render(renderer);
        Directory.CreateDirectory(directory);
        Save(sheet, VerifiedPath(directory, name));
        File.WriteAllText(LayoutPath(directory, name, "verified"), figure.Json());
        foreach (var stale in new[] { ReceivedPath(directory, name), DiffPath(directory, name), LayoutPath(directory, name, "received") })
        {
            File.Delete(stale);
        }
    }

    private static string FirstDifference(string expected, string actual)
    {
        var (a, b) = (expected.Split('\n'), actual.Split('\n'));
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var (x, y) = (i < a.Length ? a[i] : "<end>", i < b.Length ? b[i] : "<end>");
            if (x != y) return $"line {i + 1}: expected {x.Trim()} but got {y.Trim()}";
        }
        return "";
    }

    /// <summary>
    /// The figure's scene as it is snapshotted: slanted figures at half their scale, which keeps the committed sheets
    /// to a few MB while a moved line, a colour or a tap still changes many pixels; flat (numerical) ones at their own,
    /// so numbers stay legible. A figure of many frames is drawn smaller still, so its contact sheet stays within
    /// <see cref="Budget"/>'s size of a picture.
    /// </summary>
    public static Scene Reduced(PreparedFigure figure)
    {
        var scene = figure.Scene;
        var scale = figure.Figure.Style == Spec.FigureStyle.Isometric ? scene.Scale / 2 : scene.Scale;
        // The margins do not shrink with the scale, so the first guess may need another step.
        for (var step = 0; step < 8; step++)
        {
            var fit = Budget.Fit(ContactSheet.SizeOf(scene.Frames.Count, SceneRenderer.SizeOf(scene with { Scale = scale })));
            if (fit >= 1) break;
            scale *= fit * 0.98;
        }
        return scene with { Scale = scale };
    }

    public static void Save(SKBitmap bitmap, string path)
    {
        using var pixmap = bitmap.PeekPixels() ?? throw new InvalidOperationException("the bitmap has no pixels");
        using var data = pixmap.Encode(new SKPngEncoderOptions(SKPngEncoderFilterFlags.AllFilters, 9))
            ?? throw new InvalidOperationException($"SkiaSharp could not encode {path}");
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
