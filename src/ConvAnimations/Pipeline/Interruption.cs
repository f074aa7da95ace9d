using System.Runtime.InteropServices;

namespace ConvAnimations.Pipeline;

/// <summary>
/// SIGINT (Ctrl-C) and SIGTERM as a cancellation, on a terminal or not: the first signal cancels <see cref="Token"/>,
/// so the render stops its ffmpeg processes at once, removes their pipes and unfinished files, and keeps what is
/// finished; a second one ends the process the default way. Dispose to restore the default handling.
/// </summary>
public sealed class Interruption : IDisposable
{
    /// <summary>The shell's code for a process ended by SIGINT (128 + 2), used for either signal.</summary>
    public const int ExitCode = 130;

    public const string Message = "interrupted; finished files are in place, unfinished ones were removed";

    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration[] _registrations;

    public Interruption() =>
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];

    public CancellationToken Token => _cancel.Token;

    /// <summary>Whether a signal arrived: an error seen after it is the interruption's doing, not the figure's.</summary>
    public bool Happened => _cancel.IsCancellationRequested;

    private void Handle(PosixSignalContext context)
    {
        if (_cancel.IsCancellationRequested) return;
        context.Cancel = true;
        Interrupt();
    }

    /// <summary>What the first signal does: cancel the token, whatever its callbacks throw (a signal handler must not).</summary>
    internal void Interrupt()
    {
        try
        {
            _cancel.Cancel();
        }
        catch (AggregateException)
        {
            // Every callback has run; one failed: FFMpegCore asks an ffmpeg to quit by writing to its stdin, which
            // breaks when that ffmpeg has just ended on its own (its frames' pipe closed first). Nothing is left to stop.
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _cancel.Dispose();
    }
}
