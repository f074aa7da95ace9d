using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ConvAnimations.Encoding;
using ConvAnimations.Pipeline;
using ConvAnimations.Spec;

namespace ConvAnimations.Cli.Commands;

internal static class RenderCommand
{
    public static Command Create()
    {
        var file = CommandParts.FileArgument();
        var outDir = new Option<string>("--out", "-o") { Description = "the output folder", HelpName = "DIR", DefaultValueFactory = _ => "output" }.IsPath();
        var only = CommandParts.OnlyOption();
        var force = new Option<bool>("--force") { Description = "render figures again even when unchanged since their last render" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "print nothing but failures" };
        var jobs = CommandParts.JobsOption("how many figures render at once (default: one per core)");
        var stats = new Option<bool>("--stats") { Description = "print wall time, CPU time and peak memory (for scripts/bench)" };
        var command = new Command("render", "Render the figures in their formats, with the gallery page; unchanged figures are skipped.")
        {
            file, outDir, only, force, quiet, jobs, stats,
        };
        return command.WithAction(async (result, terminal, _) =>
        {
            var path = result.GetRequiredValue(file);
            var directory = result.GetRequiredValue(outDir);
            var isQuiet = result.GetValue(quiet);
            if (terminal.Load(path) is not { } figures) return ConvanimCommand.Failure;
            var selected = CommandParts.Selected(figures, result.GetValue(only));

            using var interruption = new Interruption();
            var clock = Stopwatch.StartNew();
            var progress = new Progress(selected, isQuiet, terminal);
            IReadOnlyList<FigureResult> results;
            try
            {
                var options = new RenderOptions(directory, result.GetValue(force), result.GetValue(jobs) ?? 0, Gallery: new GallerySource(Path.GetFileName(path), figures.Figures.Select(f => f.Figure).ToList(), notice => terminal.Error.WriteLine($"convanim: {notice}")));
                results = await RenderPipeline.RunAsync(selected, options, progress.Done, progress.Frame, interruption.Token);
                progress.Finish();
            }
            catch (OperationCanceledException)
            {
                progress.Finish();
                terminal.Error.WriteLine($"convanim: {Interruption.Message}");
                return Interruption.ExitCode;
            }
            catch (Exception e) when (e is EncodingException or IOException or UnauthorizedAccessException)
            {
                progress.Finish();
                terminal.Error.WriteLine($"convanim: {e.Message}");
                return ConvanimCommand.Failure;
            }

            var failed = results.Count(r => r.Outcome == FigureOutcome.Failed);
            var rendered = results.Count(r => r.Outcome == FigureOutcome.Rendered);
            var unchanged = results.Count(r => r.Outcome == FigureOutcome.Unchanged);
            if (!isQuiet || failed > 0)
            {
                var summary = $"{Plural.Of(results.Count, "figure")}: {rendered} rendered, {unchanged} unchanged{(unchanged > 0 ? " (--force renders them again)" : "")}, {failed} failed, in {clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s -> {directory}";
                (failed > 0 ? terminal.Error : terminal.Out).WriteLine(summary);
            }
            if (result.GetValue(stats)) terminal.Out.WriteLine(Stats.Describe(clock.Elapsed));
            return failed > 0 ? ConvanimCommand.Failure : ConvanimCommand.Success;
        });
    }
}
