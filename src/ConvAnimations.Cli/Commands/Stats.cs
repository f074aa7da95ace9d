using System.Diagnostics;
using System.Globalization;

namespace ConvAnimations.Cli.Commands;

/// <summary>
/// What a run cost, for scripts/bench: wall time, the CPU time and peak memory of this process, and the CPU time of
/// the ffmpeg processes it ran, read from /proc.
/// </summary>
internal static class Stats
{
    public static string Describe(TimeSpan wall)
    {
        using var self = Process.GetCurrentProcess();
        var peakMb = ReadStatus("VmHWM:") / 1024.0;
        // /proc/self/stat: fields 16 and 17 are the CPU time of waited-for children, in clock ticks (100 a second).
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var childrenSeconds = (long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture)) / 100.0;
        return string.Create(CultureInfo.InvariantCulture,
            $"stats: wall {wall.TotalSeconds:0.000} s, tool cpu {self.TotalProcessorTime.TotalSeconds:0.000} s, tool peak memory {peakMb:0.0} MB, ffmpeg cpu {childrenSeconds:0.00} s");
    }

    private static long ReadStatus(string key)
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}
