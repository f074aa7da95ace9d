using SkiaSharp;

namespace ConvAnimations.Snapshots;

/// <summary>One picture of a report: what it shows (expected, actual, diff) and its file in the report's folder, or null when there is none.</summary>
public sealed record ReportPicture(string Label, string? File);

/// <summary>A row of pictures side by side under a title: one changed frame, or whole sheets.</summary>
public sealed record PictureRow(string Title, IReadOnlyList<ReportPicture> Pictures);

/// <summary>
/// The pictures that show how a figure changed, cut from its sheets into a report's folder: for each changed frame its
/// tile of the expected, actual and diff sheets; both sheets whole when the frames changed size; the new sheet of
/// an added figure. The HTML and Markdown reports show the same pictures.
/// </summary>
public static class ReportPictures
{
    public static IReadOnlyList<PictureRow> Write(FigureCheck check, ReportFolder folder, int maxFrames = int.MaxValue)
    {
        var result = check.Frames;
        if (result.Status == SnapshotStatus.Missing)
        {
            using var received = ImageComparer.Load(result.ReceivedPath);
            return received is null ? [] : [new PictureRow("all frames, new", [new("actual", folder.Save(received, $"{result.Name}-actual.png"))])];
        }
        if (result.Status != SnapshotStatus.Changed) return [];
        using var expected = ImageComparer.Load(result.VerifiedPath);
        using var actual = ImageComparer.Load(result.ReceivedPath);
        using var diff = ImageComparer.Load(result.DiffPath);
        if (expected is null || actual is null || expected.Width != actual.Width || expected.Height != actual.Height)
        {
            // Frames of another size cannot be compared tile by tile: both sheets whole.
            return [new PictureRow("all frames", [Whole("expected", expected), Whole("actual", actual)])];
        }
        return result.Changes.Take(maxFrames).Select(change => new PictureRow($"frame {change.Frame}",
        [
            Tile("expected", expected, change), Tile("actual", actual, change), Tile("diff", diff, change),
        ])).ToList();

        ReportPicture Whole(string label, SKBitmap? sheet) => new(label, sheet is null ? null : folder.Save(sheet, $"{result.Name}-{label}.png"));

        ReportPicture Tile(string label, SKBitmap? sheet, FrameChange change)
        {
            if (sheet is null || Crop(sheet, change.Tile) is not { } tile) return new(label, null);
            using (tile) return new(label, folder.Save(tile, $"{result.Name}-f{change.Frame:D4}-{label}.png"));
        }
    }

    private static SKBitmap? Crop(SKBitmap sheet, SKRectI tile)
    {
        var bounds = SKRectI.Intersect(tile, new SKRectI(0, 0, sheet.Width, sheet.Height));
        if (bounds.IsEmpty) return null;
        var cropped = new SKBitmap(bounds.Width, bounds.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
        return sheet.ExtractSubset(cropped, bounds) ? cropped : null;
    }
}
