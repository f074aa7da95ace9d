using System.Globalization;
using System.Text.RegularExpressions;
using static ConvAnimations.Spec.ValueRules;

namespace ConvAnimations.Spec;

/// <summary>
/// The frames an animation shows, chosen by <c>play:</c> from the frames its view plays, in order, each once: every
/// format, the panels, <c>explain</c> and <c>list</c> see only these.
/// </summary>
/// <param name="Written">As figures.yaml wrote it: <c>first_row</c>, <c>{every: 4}</c>, <c>[0, 1, "8-15"]</c>.</param>
/// <param name="Frames">The frames shown, numbered as the view plays them all.</param>
/// <param name="Of">How many frames the view plays in all.</param>
public sealed record Play(string Written, IReadOnlyList<int> Frames, int Of)
{
    /// <summary>"play: first_row shows frames 0-5 of 36".</summary>
    public string Describe() => $"play: {Written} shows {(Frames.Count == 1 ? "frame" : "frames")} {Ranges(Frames)} of {Of}";

    /// <summary>Frames as runs: "0-5, 8, 12-15".</summary>
    public static string Ranges(IReadOnlyList<int> frames)
    {
        var runs = new List<string>();
        for (var i = 0; i < frames.Count;)
        {
            var j = i;
            while (j + 1 < frames.Count && frames[j + 1] == frames[j] + 1) j++;
            runs.Add(j == i ? Text(frames[i]) : $"{Text(frames[i])}-{Text(frames[j])}");
            i = j + 1;
        }
        return string.Join(", ", runs);
    }

    private static string Text(int n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>
/// The <c>play</c> key as written: a list of frames and ranges (<c>[0, 1, 2, "8-15"]</c>), <c>{every: N}</c>, or
/// <c>first_row</c>; <see cref="Resolve"/> checks it against the frames the figure's view plays.
/// </summary>
internal sealed partial record PlaySpec(RawNode At, string Written, IReadOnlyList<(int First, int Last, RawNode At)>? Items, int? Every, bool FirstRow)
{
    public const string FirstRowWord = "first_row";

    [GeneratedRegex(@"^\s*(\d+)\s*-\s*(\d+)\s*$")]
    private static partial Regex Range();

    private const string Forms = "a list of frames and ranges such as [0, 1, 2, \"8-15\"], {every: 4}, or first_row";

    public static bool Read(RawNode node, Report report, out PlaySpec? spec)
    {
        spec = null;
        switch (node)
        {
            case RawScalar { Value: FirstRowWord }:
                spec = new PlaySpec(node, FirstRowWord, null, null, true);
                return true;
            case RawScalar scalar:
                report.Error(node, $"play: '{scalar.Value}' is not a way to choose frames: use {Forms}{Suggestions.DidYouMean(scalar.Value, [FirstRowWord])}");
                return false;
            case RawMap map:
                var ok = report.UnknownKeys(map, ["every"], "play");
                if (map["every"] is not { } everyNode)
                {
                    if (ok) report.Error(node, $"play: a mapping takes 'every' (every N-th frame, from the first): {{every: 4}}");
                    return false;
                }
                if (!Int(everyNode, report, "play.every", out var every)) return false;
                if (every < 1)
                {
                    report.Error(everyNode, $"play.every: {every} is not allowed: every 1st frame or more (1 plays them all)");
                    return false;
                }
                spec = new PlaySpec(node, $"{{every: {every}}}", null, every, false);
                return ok;
            case RawList { Items.Count: > 0 } list:
                var items = new List<(int, int, RawNode)>();
                var good = true;
                foreach (var item in list.Items)
                {
                    if (IsInteger(item) && Int(item, report, "play", out var frame))
                    {
                        if (frame >= 0) items.Add((frame, frame, item));
                        else
                        {
                            report.Error(item, $"play: {frame} is not a frame: frames are numbered from 0");
                            good = false;
                        }
                    }
                    else if (item is RawScalar s && Range().Match(s.Value) is { Success: true } range
                             && int.TryParse(range.Groups[1].Value, CultureInfo.InvariantCulture, out var first)
                             && int.TryParse(range.Groups[2].Value, CultureInfo.InvariantCulture, out var last))
                    {
                        if (first <= last) items.Add((first, last, item));
                        else
                        {
                            report.Error(item, $"play: \"{s.Value}\" runs backwards: write a range from its first frame to its last, such as \"{last}-{first}\"");
                            good = false;
                        }
                    }
                    else
                    {
                        if (!IsInteger(item)) report.Error(item, $"play: expected a frame number or a range such as \"8-15\", got {RawYaml.Describe(item)}");
                        good = false;
                    }
                }
                var written = $"[{string.Join(", ", list.Items.Select(i => i is RawScalar { IsPlain: true } p ? p.Value : $"\"{(i as RawScalar)?.Value}\""))}]";
                spec = new PlaySpec(node, written, items, null, false);
                return good;
            default:
                report.Error(node, $"play: expected {Forms}, got {RawYaml.Describe(node)}");
                return false;
        }
    }

    /// <summary>The frames shown of the <paramref name="total"/> that <paramref name="view"/> plays for <paramref name="figure"/>, or null (reported).</summary>
    public Play? Resolve(ViewRules view, Figure figure, int total, Report report)
    {
        if (FirstRow) return new Play(Written, view.FirstRow(figure), total);
        if (Every is { } every) return new Play(Written, Enumerable.Range(0, (total + every - 1) / every).Select(n => n * every).ToList(), total);
        var frames = new List<int>();
        var ok = true;
        foreach (var (first, last, at) in Items!)
        {
            var name = first == last ? $"{first}" : $"\"{first}-{last}\"";
            if (last >= total)
            {
                report.Error(at, $"play: {name} is not {(first == last ? "a frame" : "within the frames")} of this figure, which has frames 0 to {total - 1}");
                ok = false;
            }
            else if (frames.Count > 0 && first <= frames[^1])
            {
                report.Error(at, $"play: {name} comes after frame {frames[^1]}: list the frames in increasing order, each once");
                ok = false;
            }
            else
            {
                frames.AddRange(Enumerable.Range(first, last - first + 1));
            }
        }
        return ok ? new Play(Written, frames, total) : null;
    }
}
