using System.Diagnostics;
using ConvAnimations.Pipeline;
using ConvAnimations.Preparation;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;

namespace ConvAnimations.Tests.Pipeline;

/// <summary>Interrupting, rerunning, and a missing, failing or starved ffmpeg: outputs are complete or untouched.</summary>
public sealed class RobustnessTests
{
    internal static IReadOnlyList<Figure> GuideFigures => ViewTable.Default.Read(Repo.FiguresFile).Figures;

    internal static Process Start(string workingDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Processes.ConvanimDll);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Waits until the orphaned ffmpeg processes of a killed run have exited.</summary>
    internal static void WaitForOrphans(string directory)
    {
        for (var i = 0; i < 100; i++)
        {
            var busy = Processes.Run("pgrep", ["-f", directory]).Stdout.Trim();
            if (busy.Length == 0) return;
            Thread.Sleep(100);
        }
    }

    /// <summary>
    /// A signal while ffmpeg is running (the figure takes about ten seconds; the signal comes once its ffmpeg processes
    /// are there): an interruption, reported as one, with no process, pipe or unfinished file left behind.
    /// </summary>
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task A_signal_interrupts_the_render_ends_ffmpeg_and_removes_its_pipes(string signal)
    {
        using var dir = new TempDirectory();
        var pipes = Directory.CreateDirectory(dir.File("tmp")).FullName;
        File.WriteAllText(dir.File("f.yaml"), """
            figures:
              - {name: quick, input: 4, kernel: 3}
              - {name: long, input: 64, kernel: 3, stride: 2, scale: 0.25}
            """);
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = dir.Path, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Processes.ConvanimDll, "render", "f.yaml", "--out", "output" }) info.ArgumentList.Add(arg);
        info.Environment["TMPDIR"] = pipes;
        using var run = Process.Start(info)!;
        var stdout = run.StandardOutput.ReadToEndAsync();
        var stderr = run.StandardError.ReadToEndAsync();
        var pid = run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var children = Array.Empty<string>();
        for (var i = 0; i < 600 && children.Length == 0; i++)
        {
            await Task.Delay(50);
            children = Processes.Run("pgrep", ["-P", pid, "-f", "ffmpeg.*convanim-long"]).Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        Assert.NotEmpty(children);
        Assert.NotEmpty(Directory.GetFileSystemEntries(pipes, "CoreFxPipe_*"));

        Processes.Run("kill", [$"-{signal}", pid]);
        Assert.True(run.WaitForExit(30_000));
        var (output, errors) = (await stdout, await stderr);

        Assert.True(run.ExitCode == 130, $"exit {run.ExitCode}: {errors}");
        Assert.Contains("convanim: interrupted; finished files are in place", errors);
        Assert.DoesNotContain("FAILED", errors + output);
        Assert.All(children, child => Assert.False(Directory.Exists($"/proc/{child}") && !File.ReadAllText($"/proc/{child}/stat").Contains(") Z ", StringComparison.Ordinal), $"ffmpeg {child} outlived the tool"));
        Assert.Empty(Directory.GetFileSystemEntries(pipes));
        Assert.False(File.Exists(dir.File("output/long.gif")));
        OutputChecks.AllComplete(dir.File("output"), ViewTable.Default.Read(dir.File("f.yaml")).Figures, allowTemporaries: false);
    }

    /// <summary>
    /// A cancellation callback that throws (FFMpegCore writing "q" to an ffmpeg that has just exited: a broken pipe)
    /// once crashed the tool from its signal handler with exit 134; the others still run and nothing escapes.
    /// </summary>
    [Fact]
    public void An_interruption_whose_callback_fails_still_cancels_everything()
    {
        using var interruption = new Interruption();
        var others = 0;
        interruption.Token.Register(() => others++);
        interruption.Token.Register(() => throw new IOException("Broken pipe"));
        interruption.Token.Register(() => others++);
        interruption.Interrupt();
        Assert.True(interruption.Happened);
        Assert.Equal(2, others);
    }

    [Fact]
    public void Missing_ffmpeg_is_one_clear_error()
    {
        using var dir = new TempDirectory();
        var bin = Directory.CreateDirectory(dir.File("bin")).FullName;
        var dotnet = Processes.Run("which", ["dotnet"]).Stdout.Trim();
        File.CreateSymbolicLink(Path.Combine(bin, "dotnet"), dotnet);
        var result = Processes.Run(Path.Combine(bin, "dotnet"), [Processes.ConvanimDll, "render", Repo.FiguresFile, "--out", "output"], dir.Path,
            new Dictionary<string, string> { ["PATH"] = bin });
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("ffmpeg was not found on PATH: install it (Debian: apt-get install -y ffmpeg", result.Stderr);
        Assert.False(Directory.Exists(dir.File("output")), "the output folder was made though nothing could be rendered");
    }

    [Fact]
    public void A_failing_ffmpeg_fails_its_figure_with_ffmpegs_words_and_the_others_finish()
    {
        using var dir = new TempDirectory();
        var bin = Directory.CreateDirectory(dir.File("bin")).FullName;
        var ffmpeg = Processes.Run("which", ["ffmpeg"]).Stdout.Trim();
        File.WriteAllText(Path.Combine(bin, "ffmpeg"), $"""
            #!/bin/sh
            case "$*" in *broken*) echo "simulated encoder failure: broken frame data" >&2; exit 1;; esac
            exec {ffmpeg} "$@"
            """);
        File.SetUnixFileMode(Path.Combine(bin, "ffmpeg"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        File.WriteAllText(dir.File("f.yaml"), """
            figures:
              - {name: first, input: 4, kernel: 3}
              - {name: broken, input: 5, kernel: 3}
              - {name: third, input: 5, kernel: 3, stride: 2}
            """);
        var result = Processes.Run("dotnet", [Processes.ConvanimDll, "render", "f.yaml", "--out", "output"], dir.Path,
            new Dictionary<string, string> { ["PATH"] = $"{bin}:{Environment.GetEnvironmentVariable("PATH")}" });

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAILED     broken: ffmpeg failed: simulated encoder failure: broken frame data", result.Stderr);
        Assert.Contains("3 figures: 2 rendered, 0 unchanged, 1 failed", result.Stderr);
        var figures = ViewTable.Default.Read(dir.File("f.yaml")).Figures;
        OutputChecks.AllComplete(dir.File("output"), figures, allowTemporaries: false);
        Assert.True(File.Exists(dir.File("output/first.gif")) && File.Exists(dir.File("output/third.mp4")));
        Assert.False(File.Exists(dir.File("output/broken.gif")));
    }

    [Fact]
    public void An_output_directory_that_cannot_be_made_is_a_clear_error()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("a-file"), "not a directory");
        var result = Processes.Convanim(dir.Path, "render", Repo.FiguresFile, "--out", "a-file/output");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("convanim: cannot write to the output directory a-file/output", result.Stderr);
    }

    [TmpfsFact]
    public void A_full_disk_fails_the_figures_that_do_not_fit_and_leaves_nothing_half_written()
    {
        using var dir = new TempDirectory();
        var disk = Directory.CreateDirectory(dir.File("disk")).FullName;
        var mount = Processes.Run("mount", ["-t", "tmpfs", "-o", "size=160k", "tmpfs", disk]);
        Assert.True(mount.ExitCode == 0, $"mounting a small tmpfs worked when the test was discovered, not now: {mount.Stderr}");
        try
        {
            var result = Processes.Convanim(dir.Path, "render", Repo.FiguresFile, "--out", disk, "--only", "padding_strides_odd_transposed", "no_padding_no_strides");
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("FAILED     padding_strides_odd_transposed:", result.Stderr);
            OutputChecks.AllComplete(disk, GuideFigures, allowTemporaries: false);
        }
        finally
        {
            Processes.Run("umount", [disk]);
        }
    }

    [Fact]
    public async Task A_palette_made_in_a_first_pass_gives_the_same_gif()
    {
        using var onePass = new TempDirectory();
        using var twoPass = new TempDirectory();
        var figure = Repo.Figure("padding_strides_odd");
        foreach (var options in new[] { new RenderOptions(onePass.Path), new RenderOptions(twoPass.Path, OnePassPaletteLimit: 0) })
        {
            var result = Assert.Single(await RenderPipeline.RunAsync([figure.Prepared()], options));
            Assert.True(result.Outcome == FigureOutcome.Rendered, result.Error);
        }
        Assert.Equal(File.ReadAllBytes(onePass.File("padding_strides_odd.gif")), File.ReadAllBytes(twoPass.File("padding_strides_odd.gif")));
        OutputChecks.AllComplete(twoPass.Path, [figure], allowTemporaries: false);
    }
}

/// <summary>kill -9 in the middle of renders: a class of its own, the slowest test, so it runs beside the others.</summary>
public sealed class KillTests
{
    /// <summary>
    /// kill -9 at three moments spread over a render (fractions of how long the same render took, so the moments fall
    /// inside it on a fast machine or a loaded one): every visible file is complete or as it was before.
    /// </summary>
    [Fact]
    public void Killing_the_tool_at_any_moment_leaves_every_output_complete_or_as_it_was()
    {
        using var dir = new TempDirectory();
        File.Copy(Repo.FiguresFile, dir.File("figures.yaml"));
        // Four figures with every format the guide's file writes (GIF, MP4, frame PDFs, panels): numbers, a transposition, channels.
        string[] only = ["--only", "no_padding_no_strides", "padding_strides_odd_transposed", "numerical_padding_strides", "full_picture"];
        var figures = RobustnessTests.GuideFigures.Where(f => only.Contains(f.Name)).ToList();
        var clock = Stopwatch.StartNew();
        var first = Processes.Convanim(dir.Path, ["render", "--out", "output", .. only]);
        var renderTime = clock.Elapsed;
        Assert.True(first.ExitCode == 0, first.Stderr);
        var output = dir.File("output");

        foreach (var fraction in new[] { 0.2, 0.5, 0.8 })
        {
            using var run = RobustnessTests.Start(dir.Path, ["render", "--out", "output", "--force", .. only]);
            Thread.Sleep(renderTime * fraction);
            run.Kill(entireProcessTree: false); // kill -9 of the tool alone: its ffmpeg children live on
            run.WaitForExit();
            RobustnessTests.WaitForOrphans(output);
            OutputChecks.AllComplete(output, figures, allowTemporaries: true);
        }

        // The next run removes what the killed ones left and finds every figure complete.
        var rerun = Processes.Convanim(dir.Path, ["render", "--out", "output", .. only]);
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        OutputChecks.AllComplete(output, figures, allowTemporaries: false);
        Assert.Equal(figures.Count * 2, Directory.GetFiles(output, "*.gif").Length + Directory.GetFiles(output, "*.mp4").Length);
    }
}

/// <summary>kill -9 between an edit and its undoing: as slow as the kill test, so a class of its own that runs beside it.</summary>
public sealed class KillEditTests
{
    /// <summary>
    /// Render v1; edit to v2 (every figure changes) and kill -9 once some of v2's figures are in place; undo the edit
    /// and render: every figure's files are v1's again, byte for byte those of a clean render of v1, and no figure that
    /// held v2's files was called unchanged.
    /// </summary>
    [Fact]
    public void An_edit_undone_after_a_kill_leaves_no_figure_with_the_edits_files()
    {
        using var dir = new TempDirectory();
        var v1 = File.ReadAllText(Repo.FiguresFile);
        var v2 = v1.Replace("  scale: 1.0\n", "  scale: 1.0\n  theme: print\n", StringComparison.Ordinal);
        Assert.NotEqual(v1, v2);
        string[] only = ["--only", "no_padding_no_strides", "padding_strides_odd_transposed", "numerical_padding_strides", "full_picture", "dilation"];
        File.WriteAllText(dir.File("figures.yaml"), v1);
        var clean = Processes.Convanim(dir.Path, ["render", "--out", "clean", .. only]);
        Assert.True(clean.ExitCode == 0, clean.Stderr);
        Assert.Equal(0, Processes.Convanim(dir.Path, ["render", "--out", "output", .. only]).ExitCode);
        var output = dir.File("output");
        string[] Files(string folder) =>
            Directory.GetFiles(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f))
                .Where(f => !f.StartsWith('.') && f != Gallery.FileName).Order(StringComparer.Ordinal).ToArray();
        var expected = Files(dir.File("clean"));
        string[] Changed() => expected.Where(f => !File.Exists(Path.Combine(output, f)) || !File.ReadAllBytes(Path.Combine(output, f)).SequenceEqual(File.ReadAllBytes(dir.File("clean/" + f)))).ToArray();
        Assert.Empty(Changed());

        // Killed as soon as a file of v2 is in place; tried again if the kill came after the whole render.
        string[] left = [];
        for (var attempt = 0; attempt < 5 && left.Length == 0; attempt++)
        {
            File.WriteAllText(dir.File("figures.yaml"), v2);
            var started = DateTime.UtcNow;
            using var run = RobustnessTests.Start(dir.Path, ["render", "--out", "output", .. only]);
            while (!run.HasExited && !expected.Any(f => File.GetLastWriteTimeUtc(Path.Combine(output, f)) > started)) Thread.Sleep(5);
            run.Kill(entireProcessTree: false);
            run.WaitForExit();
            RobustnessTests.WaitForOrphans(output);
            left = Changed();
            File.WriteAllText(dir.File("figures.yaml"), v1);
            if (left.Length == 0) Assert.Equal(0, Processes.Convanim(dir.Path, ["render", "--out", "output", .. only]).ExitCode);
        }
        Assert.NotEmpty(left);

        var rerun = Processes.Convanim(dir.Path, ["render", "--out", "output", .. only]);
        Assert.True(rerun.ExitCode == 0, rerun.Stderr);
        Assert.Empty(Changed());
        Assert.Equal(expected, Files(output));
        foreach (var name in left.Select(f => f.Split('/', '.')[0]).Distinct()) Assert.Contains($"rendered   {name}", rerun.Stdout);
    }
}
