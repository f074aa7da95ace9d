using System.Diagnostics;
using System.Globalization;
using ConvAnimations.Arithmetic;
using ConvAnimations.Encoding;
using ConvAnimations.Layout;
using ConvAnimations.Pipeline;
using ConvAnimations.Rendering;
using ConvAnimations.Snapshots;
using ConvAnimations.Scenes;
using ConvAnimations.Spec;
using ConvAnimations.Writers;

namespace ConvAnimations.Cli;

public static class Program
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    private const string DefaultFile = "figures.yaml";

    private const string UsageText = """
        usage: convanim <command> [options]

          render [FILE] [--out DIR] [--only NAME ...] [--force] [--quiet] [--jobs N] [--stats]
                                     render figures (default figures.yaml) in their formats into DIR
                                     (default output)
          list [FILE]                a table of the figures: kind, sizes per axis, output, frames
          validate [FILE]            check the file and print every problem
          explain NAME [--file FILE] [--json]
                                     the arithmetic of one figure; --json: its layout as JSON
          frame NAME INDEX [--file FILE] [--out FILE.png|.svg|.pdf]
                                     draw one frame (0-based); the extension decides the format
                                     (default NAME-INDEX.png)
          check [FILE] --snapshots DIR [--report DIR] [--only NAME ...]
                                     compare every frame and layout with the snapshots in DIR; an HTML
                                     report of the changes in output/check (exit 1 when anything changed)
          snapshot [FILE] --snapshots DIR [--only NAME ...]
                                     write (or accept) the snapshots of every figure into DIR
          bench-floor [FILE] --out DIR [--jobs N] [--only NAME ...]
                                     time ffmpeg alone encoding every figure from frames held in memory
                                     (the floor scripts/bench compares render with)

        exit codes: 0 success, 1 a figure or the file failed, 2 usage error
        """;

    public static async Task<int> Main(string[] args)
    {
        try
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            {
                Console.Out.WriteLine(UsageText);
                return args.Length == 0 ? Usage : Success;
            }
            return args[0] switch
            {
                "render" => await RenderAsync(Parse(args, ["force", "quiet", "stats"], ["out", "jobs"], ["only"])),
                "list" => List(Parse(args, [], [], [])),
                "validate" => Validate(Parse(args, [], [], [])),
                "explain" => Explain(Parse(args, ["json"], ["file"], [])),
                "frame" => Frame(Parse(args, [], ["file", "out"], [])),
                "check" => Check(Parse(args, [], ["snapshots", "report"], ["only"])),
                "snapshot" => Snapshot(Parse(args, [], ["snapshots"], ["only"])),
                "bench-floor" => await BenchFloorAsync(Parse(args, [], ["out", "jobs"], ["only"])),
                _ => throw new UsageException($"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"convanim: {e.Message}");
            Console.Error.WriteLine(UsageText);
            return Usage;
        }
    }

    private static Arguments Parse(string[] args, string[] flags, string[] single, string[] multi) =>
        new(args.Skip(1), flags.ToHashSet(), single.ToHashSet(), multi.ToHashSet());

    /// <summary>Reads and validates a figures file; on any error prints them all and returns null.</summary>
    private static FigureFile? Load(string path)
    {
        var file = Budget.Read(path);
        foreach (var warning in file.Warnings) Console.Error.WriteLine(warning);
        if (file.IsValid) return file.File;
        foreach (var error in file.Errors) Console.Error.WriteLine(error);
        Console.Error.WriteLine($"{path}: {file.Errors.Count} error{(file.Errors.Count == 1 ? "" : "s")}; nothing was rendered or written");
        return null;
    }

    private static Figure Find(FigureFile file, string name) =>
        file.Figures.FirstOrDefault(f => f.Name == name)
        ?? throw new UsageException($"no figure named '{name}' in {file.Path}{Suggestions(name, file)}");

    private static string Suggestions(string name, FigureFile file) =>
        Spec.Suggestions.DidYouMean(name, file.Figures.Select(f => f.Name));

    private static async Task<int> RenderAsync(Arguments args)
    {
        args.ExpectAtMost(1);
        var path = args.PositionalAt(0, DefaultFile);
        var outDir = args.Value("out") ?? "output";
        var jobs = 0;
        if (args.Value("jobs") is { } jobsText && (!int.TryParse(jobsText, out jobs) || jobs < 1)) throw new UsageException($"--jobs takes a whole number from 1, not '{jobsText}'");
        var quiet = args.Flag("quiet");
        if (Load(path) is not { } file) return Failure;

        var figures = Selected(file, args);

        using var interruption = new Interruption();
        var clock = Stopwatch.StartNew();
        var progress = new Progress(figures, quiet);
        IReadOnlyList<FigureResult> results;
        try
        {
            var options = new RenderOptions(outDir, args.Flag("force"), jobs, Gallery: new GallerySource(Path.GetFileName(path), file.Figures));
            results = await RenderPipeline.RunAsync(figures, options, progress.Done, progress.Frame, interruption.Token);
            progress.Finish();
        }
        catch (OperationCanceledException)
        {
            progress.Finish();
            Console.Error.WriteLine($"convanim: {Interruption.Message}");
            return Interruption.ExitCode;
        }
        catch (Exception e) when (e is EncodingException or IOException or UnauthorizedAccessException)
        {
            progress.Finish();
            Console.Error.WriteLine($"convanim: {e.Message}");
            return Failure;
        }

        var failed = results.Count(r => r.Outcome == FigureOutcome.Failed);
        var rendered = results.Count(r => r.Outcome == FigureOutcome.Rendered);
        var unchanged = results.Count(r => r.Outcome == FigureOutcome.Unchanged);
        if (!quiet || failed > 0)
        {
            var summary = $"{results.Count} figures: {rendered} rendered, {unchanged} unchanged{(unchanged > 0 ? " (--force renders them again)" : "")}, {failed} failed, in {clock.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)} s -> {outDir}";
            (failed > 0 ? Console.Error : Console.Out).WriteLine(summary);
        }
        if (args.Flag("stats")) Console.Out.WriteLine(Stats.Describe(clock.Elapsed));
        return failed > 0 ? Failure : Success;
    }

    /// <summary>The figures named by --only (each must exist), or all.</summary>
    private static IReadOnlyList<Figure> Selected(FigureFile file, Arguments args)
    {
        var only = args.Values("only");
        foreach (var name in only) Find(file, name);
        return only.Count == 0 ? file.Figures : file.Figures.Where(f => only.Contains(f.Name)).ToList();
    }

    private static string SnapshotDirectory(Arguments args) =>
        args.Value("snapshots") ?? throw new UsageException("--snapshots DIR is required: the folder of the verified snapshots");

    private static int Check(Arguments args)
    {
        args.ExpectAtMost(1);
        var directory = SnapshotDirectory(args);
        var reportDirectory = args.Value("report") ?? Path.Combine("output", "check");
        if (Load(args.PositionalAt(0, DefaultFile)) is not { } file) return Failure;
        if (CheckReport.Refusal(reportDirectory) is { } refusal)
        {
            Console.Error.WriteLine($"convanim: {refusal}");
            return Failure;
        }
        var results = new List<FigureCheck>();
        foreach (var figure in Selected(file, args))
        {
            var animation = Layouter.Layout(figure);
            var check = new FigureCheck(SnapshotStore.Check(animation, directory, writeMissing: false), SnapshotStore.CheckLayout(animation, directory, writeMissing: false));
            results.Add(check);
            Console.Out.WriteLine(check.IsUnchanged ? $"unchanged  {figure.Name}" : $"CHANGED    {figure.Name}: {check.Summary}");
        }
        var report = CheckReport.Write(reportDirectory, results);
        var changed = results.Count(r => !r.IsUnchanged);
        Console.Out.WriteLine($"{results.Count} figures: {results.Count - changed} unchanged, {changed} changed or missing; report: {report}");
        if (changed > 0) Console.Out.WriteLine($"accept the changes with: convanim snapshot {file.Path} --snapshots {directory}");
        return changed > 0 ? Failure : Success;
    }

    private static int Snapshot(Arguments args)
    {
        args.ExpectAtMost(1);
        var directory = SnapshotDirectory(args);
        if (Load(args.PositionalAt(0, DefaultFile)) is not { } file) return Failure;
        var figures = Selected(file, args);
        foreach (var figure in figures) SnapshotStore.Accept(Layouter.Layout(figure), directory);
        Console.Out.WriteLine($"{figures.Count} snapshots written to {directory}");
        return Success;
    }

    private static async Task<int> BenchFloorAsync(Arguments args)
    {
        args.ExpectAtMost(1);
        var outDir = args.Value("out") ?? throw new UsageException("--out DIR is required");
        if (Load(args.PositionalAt(0, DefaultFile)) is not { } file) return Failure;
        var jobs = args.Value("jobs") is { } text && int.TryParse(text, out var n) && n > 0 ? n : Environment.ProcessorCount;
        var elapsed = await EncodingFloor.MeasureAsync(Selected(file, args), outDir, jobs);
        Console.Out.WriteLine(elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture));
        return Success;
    }

    private static int List(Arguments args)
    {
        args.ExpectAtMost(1);
        if (Load(args.PositionalAt(0, DefaultFile)) is not { } file) return Failure;
        var rows = file.Figures.Select(f => new[]
        {
            f.Name, Figure.KindName(f.Kind), $"{f.Geometry.Input}", $"{f.Geometry.Kernel}", $"{f.Geometry.Stride}",
            $"{f.Geometry.Padding}", $"{f.Geometry.Dilation}", $"{f.AnimatedOutput}", f.FrameCount.ToString(CultureInfo.InvariantCulture),
        }).ToList();
        string[] header = ["name", "kind", "input", "kernel", "stride", "padding", "dilation", "output", "frames"];
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        Console.Out.WriteLine(string.Join("  ", header.Select((h, i) => h.PadRight(widths[i]))).TrimEnd());
        foreach (var row in rows) Console.Out.WriteLine(string.Join("  ", row.Select((v, i) => v.PadRight(widths[i]))).TrimEnd());
        return Success;
    }

    private static int Validate(Arguments args)
    {
        args.ExpectAtMost(1);
        var path = args.PositionalAt(0, DefaultFile);
        if (Load(path) is not { } file) return Failure;
        Console.Out.WriteLine($"{path}: {file.Figures.Count} figures, no problems");
        return Success;
    }

    private static int Explain(Arguments args)
    {
        args.ExpectAtMost(1);
        if (args.Positional.Count == 0) throw new UsageException("explain needs a figure NAME");
        if (Load(args.Value("file") ?? DefaultFile) is not { } file) return Failure;
        var animation = Layouter.Layout(Find(file, args.Positional[0]));
        Console.Out.Write(args.Flag("json")
            ? AnimationJson.Write(animation)
            : Explanation.Describe(animation.Figure, AnimationJson.GridRows(animation.Grid)));
        return Success;
    }

    private static int Frame(Arguments args)
    {
        args.ExpectAtMost(2);
        if (args.Positional.Count < 2) throw new UsageException("frame needs a figure NAME and a frame INDEX");
        if (Load(args.Value("file") ?? DefaultFile) is not { } file) return Failure;
        var figure = Find(file, args.Positional[0]);
        if (!int.TryParse(args.Positional[1], out var index) || index < 0 || index >= figure.FrameCount)
        {
            throw new UsageException($"frame INDEX must be from 0 to {figure.FrameCount - 1} for '{figure.Name}'");
        }
        var path = args.Value("out") ?? $"{figure.Name}-{index}.png";
        var extension = Path.GetExtension(path).TrimStart('.').ToLowerInvariant();
        if (OutputFormats.Parse(extension) is not { } format || FigureOutputs.Still(format) is not { } still)
        {
            throw new UsageException($"--out {path}: the file name must end in {string.Join(", ", OutputFormats.StillNames.Select(n => "." + n))}, which decides the format");
        }
        var scene = SceneBuilder.Build(Layouter.Layout(figure));
        using var renderer = new SceneRenderer(scene);
        OutputFiles.WriteAtomically(path, stream => FigureOutputs.WriteStill(new FrameTarget(still, path, index), renderer, figure.Scale, stream));
        Console.Out.WriteLine($"{path}: frame {index} of {figure.Name}, {renderer.Size.Width}x{renderer.Size.Height}");
        return Success;
    }
}
