using System.Globalization;
using ConvAnimations.Encoding;
using ConvAnimations.Spec;

namespace ConvAnimations.Tests.Support;

/// <summary>Checks that every file of an output directory is complete and valid, read back from its bytes.</summary>
public static class OutputChecks
{
    /// <summary>
    /// Every visible file, frame folders included, is a complete GIF, MP4, WebP, PDF, SVG, PNG, TikZ picture, LaTeX
    /// document, PowerPoint deck, page or cache; the only others are the render lock and hidden temporaries.
    /// </summary>
    public static void AllComplete(string directory, IReadOnlyList<Figure> figures, bool allowTemporaries)
    {
        foreach (var path in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(path);
            if (name == ConvAnimations.Pipeline.OutputLock.FileName) continue;
            if (name.StartsWith(".convanim-", StringComparison.Ordinal) && name.EndsWith(".tmp", StringComparison.Ordinal))
            {
                Assert.True(allowTemporaries, $"temporary left behind: {name}");
                continue;
            }
            switch (Path.GetExtension(name))
            {
                case ".gif":
                    var figure = figures.Single(f => f.Name == Path.GetFileNameWithoutExtension(name));
                    var gif = GifFile.Read(path);
                    Assert.Equal(figure.FrameCount, gif.FrameCount);
                    break;
                case ".mp4":
                    figure = figures.Single(f => f.Name == Path.GetFileNameWithoutExtension(name));
                    var stream = Processes.Probe(path).GetProperty("streams")[0];
                    Assert.Equal(figure.FrameCount, int.Parse(stream.GetProperty("nb_read_frames").GetString()!, CultureInfo.InvariantCulture));
                    break;
                case ".webp":
                    figure = figures.Single(f => f.Name == Path.GetFileNameWithoutExtension(name));
                    Assert.Equal(figure.FrameCount, IndependentReaders.WebpInfo(path).DurationsMs.Count);
                    break;
                case ".pdf":
                    // Whole: the header, and the end-of-file marker after the cross-reference table.
                    var pdf = File.ReadAllText(path);
                    Assert.True(pdf.StartsWith("%PDF-", StringComparison.Ordinal) && pdf.TrimEnd().EndsWith("%%EOF", StringComparison.Ordinal), $"incomplete PDF {name}");
                    break;
                case ".svg":
                    System.Xml.Linq.XDocument.Load(path);
                    break;
                case ".png":
                    IndependentReaders.Decode(path).Dispose();
                    break;
                case ".tikz":
                    Assert.True(File.ReadAllText(path).EndsWith("\\end{tikzpicture}%\n", StringComparison.Ordinal), $"incomplete TikZ picture {name}");
                    break;
                case ".tex":
                    Assert.True(File.ReadAllText(path).EndsWith("\\end{document}\n", StringComparison.Ordinal), $"incomplete LaTeX document {name}");
                    break;
                case ".pptx":
                    using (var deck = System.IO.Compression.ZipFile.OpenRead(path))
                    {
                        Assert.NotNull(deck.GetEntry("ppt/presentation.xml"));
                    }
                    break;
                case ".html":
                    Assert.EndsWith("</html>\n", File.ReadAllText(path));
                    break;
                case ".json":
                    System.Text.Json.JsonDocument.Parse(File.ReadAllText(path)).Dispose();
                    break;
                default:
                    Assert.Fail($"unexpected file in the output directory: {name}");
                    break;
            }
        }
    }
}
