using System.Globalization;
using ConvAnimations.Pipeline;
using ConvAnimations.Spec;

namespace ConvAnimations.Cli;

/// <summary>
/// Reports finished figures: an overall bar redrawn in place on a terminal, one plain line per figure otherwise
/// (logs, CI), nothing but failures with --quiet.
/// </summary>
internal sealed class Progress(IReadOnlyList<Figure> figures, bool quiet)
{
    private readonly bool _terminal = !Console.IsOutputRedirected && !quiet;
    private readonly object _lock = new();
    private int _done;

    public void Done(FigureResult result)
    {
        lock (_lock)
        {
            _done++;
            if (result.Outcome == FigureOutcome.Failed)
            {
                if (_terminal) Console.Out.Write("\r\x1b[K");
                Console.Error.WriteLine($"FAILED     {result.Figure.Name}: {result.Error}");
            }
            else if (_terminal)
            {
                const int width = 30;
                var filled = width * _done / Math.Max(1, figures.Count);
                Console.Out.Write($"\r\x1b[K[{new string('#', filled)}{new string('.', width - filled)}] {_done}/{figures.Count} {result.Figure.Name}");
            }
            else if (!quiet)
            {
                var word = result.Outcome == FigureOutcome.Rendered ? "rendered" : "unchanged";
                Console.Out.WriteLine($"{word,-10} {result.Figure.Name} ({result.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s)");
            }
        }
    }

    public void Finish()
    {
        if (_terminal) Console.Out.Write("\r\x1b[K");
    }
}
