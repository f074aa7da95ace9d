using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ConvAnimations.Tests.Cli;
using ConvAnimations.Tests.Support;

namespace ConvAnimations.Tests.Ci;

/// <summary>
/// The .NET tool as a user gets it: scripts/pack builds the package, `dotnet tool install` puts it into a tool path from
/// a local folder (no other feed, a NuGet cache of its own), and the installed `convanim` works from an empty folder.
/// </summary>
public sealed partial class ToolPackageTests
{
    [Fact]
    public async Task The_package_installs_as_a_dotnet_tool_and_works_in_an_empty_folder()
    {
        using var dir = new TempDirectory();
        var feed = dir.File("feed");
        var pack = Processes.Run(Path.Combine(Repo.Root, "scripts", "pack"), [feed], timeout: TimeSpan.FromMinutes(8));
        Assert.True(pack.ExitCode == 0, pack.Stderr + pack.Stdout);
        var package = pack.Stdout.Trim();
        Assert.Equal(Path.Combine(feed, Path.GetFileName(package)), package);

        // A .NET tool package named ConvAnimations whose command is convanim, carrying SkiaSharp's native library.
        using (var zip = ZipFile.OpenRead(package))
        {
            var nuspec = XDocument.Load(zip.Entries.Single(e => e.FullName == "ConvAnimations.nuspec").Open()).Root!;
            XNamespace ns = nuspec.Name.Namespace;
            Assert.Equal("ConvAnimations", nuspec.Element(ns + "metadata")!.Element(ns + "id")!.Value);
            Assert.Equal("DotnetTool", (string?)nuspec.Descendants(ns + "packageType").Single().Attribute("name"));
            var files = zip.Entries.Select(e => e.FullName).ToList();
            var settings = files.Single(f => f.EndsWith("/DotnetToolSettings.xml", StringComparison.Ordinal));
            var tool = settings[..settings.LastIndexOf('/')];
            Assert.Equal("convanim", (string?)XDocument.Load(zip.GetEntry(settings)!.Open()).Descendants("Command").Single().Attribute("Name"));
            foreach (var file in new[] { "libSkiaSharp.so", "ConvAnimations.dll", "convanim.dll", "SkiaSharp.dll", "YamlDotNet.dll" }) Assert.Contains($"{tool}/{file}", files);
        }

        // Installed from that folder alone: a nuget.config with no other source, and a NuGet cache of the test's own,
        // so a package of the same version installed earlier cannot stand in for this one.
        var config = dir.File("nuget.config");
        File.WriteAllText(config, $"""<configuration><packageSources><clear /><add key="local" value="{feed}" /></packageSources></configuration>""");
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = dir.File("nuget-cache"), ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" };
        var tools = dir.File("tools");
        var install = Processes.Run("dotnet", ["tool", "install", "--tool-path", tools, "--configfile", config, "ConvAnimations"], dir.Path, environment);
        Assert.True(install.ExitCode == 0, install.Stderr + install.Stdout);
        var convanim = Path.Combine(tools, "convanim");

        // From an empty folder: --version, init, render, serve; ffmpeg (for GIF and MP4) comes from the PATH.
        var work = Directory.CreateDirectory(dir.File("empty folder")).FullName;
        var version = Processes.Run(convanim, ["--version"], work);
        Assert.True(version.ExitCode == 0, version.Stderr);
        Assert.StartsWith(VersionOf(package), version.Stdout.Trim());
        var init = Processes.Run(convanim, ["init"], work);
        Assert.True(init.ExitCode == 0, init.Stderr);
        Assert.True(File.Exists(Path.Combine(work, "figures.yaml")) && File.Exists(Path.Combine(work, "figures.schema.json")));
        var render = Processes.Run(convanim, ["render", "--quiet"], work);
        Assert.True(render.ExitCode == 0, render.Stderr + render.Stdout);
        var list = InProcess.Convanim("list", Path.Combine(work, "figures.yaml"));
        var figures = list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(' ')[0]).ToList();
        Assert.NotEmpty(figures);
        foreach (var name in figures)
        {
            var gif = Path.Combine(work, "output", $"{name}.gif");
            Assert.True(File.Exists(gif) && File.Exists(Path.ChangeExtension(gif, ".mp4")), $"{name}: no GIF or MP4 in {work}/output");
        }
        Assert.True(File.Exists(Path.Combine(work, "output", "index.html")));

        // The installed tool draws the same pixels as this build: the same font and the same native library.
        var frame = Processes.Run(convanim, ["frame", figures[0], "0", "--out", "tool.png"], work);
        Assert.True(frame.ExitCode == 0, frame.Stderr);
        Assert.Equal(0, InProcess.Convanim("frame", figures[0], "0", "--file", Path.Combine(work, "figures.yaml"), "--out", Path.Combine(work, "here.png")).ExitCode);
        Assert.Equal(File.ReadAllBytes(Path.Combine(work, "here.png")), File.ReadAllBytes(Path.Combine(work, "tool.png")));

        await ServesThePage(convanim, work, figures[0]);
    }

    private static async Task ServesThePage(string convanim, string work, string figure)
    {
        var info = new ProcessStartInfo(convanim, ["serve", "--port", "0"]) { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true };
        using var serve = Process.Start(info)!;
        try
        {
            var line = await serve.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            var address = Address().Match(line ?? "");
            Assert.True(address.Success, $"serve printed: {line}; {(serve.HasExited ? await serve.StandardError.ReadToEndAsync() : "")}");
            using var http = new HttpClient { BaseAddress = new Uri(address.Value) };
            Assert.Contains("<html", await http.GetStringAsync("/"));
            Assert.Contains($"\"{figure}\"", await http.GetStringAsync("/api/state"));
            using var png = await http.GetAsync($"/figures/{figure}/0.png");
            Assert.Equal(("image/png", true), (png.Content.Headers.ContentType?.MediaType, (await png.Content.ReadAsByteArrayAsync()).Length > 0));
        }
        finally
        {
            serve.Kill(entireProcessTree: true);
            await serve.WaitForExitAsync();
        }
    }

    private static string VersionOf(string package) => PackageVersion().Match(Path.GetFileName(package)).Groups[1].Value;

    [GeneratedRegex(@"^ConvAnimations\.(\d+\.\d+\.\d+.*)\.nupkg$")]
    private static partial Regex PackageVersion();

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+/?")]
    private static partial Regex Address();
}
