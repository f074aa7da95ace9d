namespace ConvAnimations.Spec;

/// <summary>"Did you mean" for unknown keys and words: the nearest known one by edit distance.</summary>
public static class Suggestions
{
    public static string? Nearest(string word, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var distance = Distance(word.ToLowerInvariant(), candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }
        // A suggestion that needs more edits than half the word is noise.
        return bestDistance <= Math.Max(2, word.Length / 2) ? best : null;
    }

    public static string DidYouMean(string word, IEnumerable<string> known) =>
        Nearest(word, known) is { } near ? $" (did you mean '{near}'?)" : "";

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j] + 1, current[j - 1] + 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
