using System.Globalization;
using System.Text;
using System.Xml;
using ConvAnimations.Pipeline;

namespace ConvAnimations.Snapshots;

/// <summary>
/// The JUnit XML report of a check, the format GitHub (through a reporting action), GitLab, Azure Pipelines, Jenkins
/// and TeamCity show as test results: one test case a figure, failed when it changed, was added or removed, with one
/// line a changed frame (the pixels that changed) or layout in the failure. The received and diff images are attached
/// as <c>[[ATTACHMENT|path]]</c> lines, the convention GitLab and Jenkins read, with paths relative to where the
/// command runs.
/// </summary>
public static class JUnitReport
{
    /// <summary>Why the report cannot be written to <paramref name="path"/>, or null: checked before any work.</summary>
    public static string? Refusal(string path) => Directory.Exists(path) ? $"{path} is a folder: the JUnit report is a file" : null;

    public static void Write(string path, CheckResults results, ReportContext context)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        OutputFiles.WriteAtomically(path, stream =>
        {
            using var xml = XmlWriter.Create(stream, settings);
            var time = results.Figures.Aggregate(TimeSpan.Zero, (sum, f) => sum + f.Duration);
            var (tests, failures) = (results.Figures.Count + results.Removed.Count, results.Differences);
            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", "convanim check");
            Counts(xml, tests, failures, time);
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", context.Suite);
            Counts(xml, tests, failures, time);
            xml.WriteAttributeString("skipped", "0");
            foreach (var check in results.Figures)
            {
                TestCase(xml, context.Suite, check.Name, check.Duration);
                if (!check.IsUnchanged)
                {
                    Failure(xml, check.Outcome, CheckResults.Brief(check), [.. CheckResults.Details(check), $"accept with: {context.AcceptCommand}"]);
                    var attachments = new[] { check.Frames.ReceivedPath, check.Frames.DiffPath, check.Layout.ReceivedPath }.Where(File.Exists);
                    xml.WriteElementString("system-out", string.Concat(attachments.Select(a => $"[[ATTACHMENT|{context.Relative(a)}]]\n")));
                }
                xml.WriteEndElement();
            }
            foreach (var name in results.Removed)
            {
                TestCase(xml, context.Suite, name, TimeSpan.Zero);
                Failure(xml, FigureOutcome.Removed, CheckResults.RemovedDetail, [$"remove its snapshots with: {context.RemoveCommand}"]);
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteWhitespace("\n");
        });
    }

    private static void Counts(XmlWriter xml, int tests, int failures, TimeSpan time)
    {
        xml.WriteAttributeString("tests", tests.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("failures", failures.ToString(CultureInfo.InvariantCulture));
        xml.WriteAttributeString("errors", "0");
        xml.WriteAttributeString("time", Seconds(time));
    }

    private static void TestCase(XmlWriter xml, string suite, string name, TimeSpan time)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("name", name);
        // Jenkins reads the last dot of a class name as the package's end: snapshots.figures, not figures.yaml.
        xml.WriteAttributeString("classname", $"snapshots.{Path.GetFileNameWithoutExtension(suite)}");
        xml.WriteAttributeString("time", Seconds(time));
    }

    // One failure a test case, as JUnit's schema allows: each changed frame or layout is one line of it.
    private static void Failure(XmlWriter xml, FigureOutcome outcome, string message, IEnumerable<string> lines)
    {
        xml.WriteStartElement("failure");
        xml.WriteAttributeString("message", message);
        xml.WriteAttributeString("type", outcome.ToString().ToLowerInvariant());
        xml.WriteString(string.Concat(lines.Select(l => l + "\n")));
        xml.WriteEndElement();
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
