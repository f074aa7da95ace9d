using ConvAnimations.Pipeline;
using ConvAnimations.Preparation;

namespace ConvAnimations.Cli.Commands;

/// <summary>
/// Reports a render: on a terminal one bar of all frames, redrawn in place, with the figures finished so far; when
/// not on a terminal (logs, CI) one plain line per figure; with --quiet nothing but failures.
/// </summary>
internal sealed class Progress(IReadOnlyList<PreparedFigure> figures, bool quiet, Terminal terminal)
{
    private const int Width = 30;
    private readonly bool _terminal = terminal.IsInteractive && !quiet;
    private readonly int _totalFrames = figures.Sum(f => f.Figure.FrameCount);
    private readonly Lock _lock = new();
    private int _frames;
    private int _done;
    private string _last = "";
    private long _drawn;

    public void Frame()
    {
        if (!_terminal) return;
        lock (_lock)
        {
            _frames++;
            // Redrawing for every frame of a large figure would cost more than the frames.
            var now = Environment.TickCount64;
            if (now - _drawn < 50) return;
            _drawn = now;
            Draw();
        }
    }

    public void Done(FigureResult result)
    {
        lock (_lock)
        {
            _done++;
            if (result.Outcome == FigureOutcome.Unchanged) _frames += result.Figure.FrameCount;
            _last = result.Figure.Name;
            if (result.Outcome == FigureOutcome.Failed)
            {
                if (_terminal) terminal.Out.Write("\r\x1b[K");
                terminal.Error.WriteLine($"FAILED     {result.Figure.Name}: {result.Error}");
            }
            if (_terminal)
            {
                Draw();
            }
            else if (!quiet && result.Outcome != FigureOutcome.Failed)
            {
                terminal.Out.WriteLine($"{(result.Outcome == FigureOutcome.Rendered ? "rendered" : "unchanged"),-10} {result.Figure.Name}");
            }
        }
    }

    private void Draw()
    {
        var filled = Width * Math.Min(_frames, _totalFrames) / Math.Max(1, _totalFrames);
        terminal.Out.Write($"\r\x1b[K[{new string('#', filled)}{new string('.', Width - filled)}] {_done}/{figures.Count} figures, {_frames}/{_totalFrames} frames {_last}");
    }

    public void Finish()
    {
        if (_terminal) terminal.Out.Write("\r\x1b[K");
    }
}
