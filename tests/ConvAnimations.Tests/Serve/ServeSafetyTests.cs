using System.Net;
using ConvAnimations.Cli.Serve;
using ConvAnimations.Tests.Support;

namespace ConvAnimations.Tests.Serve;

/// <summary>
/// What `serve` serves and to whom: only regular files whose every link resolves inside the output folder, only to
/// requests naming the server itself (no DNS rebinding), never in a frame of another page.
/// </summary>
public sealed class ServeSafetyTests
{
    private const string Figures = "figures:\n  - {name: conv, input: 5, kernel: 3, formats: [gif, png]}\n";

    private const string Secret = "a secret outside the output folder";

    /// <summary>A server over dir/output holding conv.gif and conv/conv_00.png, with dir/secret.txt beside the folder.</summary>
    private static async Task<PreviewServer> Start(TempDirectory dir)
    {
        File.WriteAllText(dir.File("figures.yaml"), Figures);
        Directory.CreateDirectory(dir.File("output/conv"));
        File.WriteAllText(dir.File("output/conv.gif"), "GIF89a");
        File.WriteAllText(dir.File("output/conv/conv_00.png"), "PNG");
        File.WriteAllText(dir.File("secret.txt"), Secret);
        Directory.CreateDirectory(dir.File("elsewhere"));
        File.WriteAllText(dir.File("elsewhere/passwd"), Secret);
        return await PreviewServer.StartAsync(dir.File("figures.yaml"), 0, dir.File("output"), TextWriter.Null);
    }

    private static async Task<(HttpStatusCode Status, string Body)> Get(Uri address, string url, string? host = null)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, url));
        if (host is not null) request.Headers.Host = host;
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Symbolic_links_out_of_the_folder_are_not_followed()
    {
        using var dir = new TempDirectory();
        await using var server = await Start(dir);
        // A link to a file outside, to a folder outside, and one inside a frame folder, absolute and relative.
        File.CreateSymbolicLink(dir.File("output/passwd-link"), dir.File("secret.txt"));
        Directory.CreateSymbolicLink(dir.File("output/etc-dir"), dir.File("elsewhere"));
        File.CreateSymbolicLink(dir.File("output/conv/conv_01.png"), "../../secret.txt");
        // A link inside the folder to a link that leaves it.
        File.CreateSymbolicLink(dir.File("output/chain.gif"), "passwd-link");
        foreach (var url in new[] { "files/passwd-link", "files/etc-dir/passwd", "files/conv/conv_01.png", "files/chain.gif" })
        {
            var (status, body) = await Get(server.Address, url);
            Assert.True(status == HttpStatusCode.NotFound, $"{url}: {status} {body}");
            Assert.DoesNotContain(Secret, body);
        }
        // A link that stays inside the folder is served, and so is the file itself.
        File.CreateSymbolicLink(dir.File("output/alias.gif"), "conv/../conv.gif");
        Assert.Equal((HttpStatusCode.OK, "GIF89a"), await Get(server.Address, "files/alias.gif"));
        Assert.Equal((HttpStatusCode.OK, "PNG"), await Get(server.Address, "files/conv/conv_00.png"));
        // A folder, and a loop of links: nothing to serve.
        File.CreateSymbolicLink(dir.File("output/loop-a"), "loop-b");
        File.CreateSymbolicLink(dir.File("output/loop-b"), "loop-a");
        Assert.Equal(HttpStatusCode.NotFound, (await Get(server.Address, "files/conv")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Get(server.Address, "files/loop-a")).Status);
    }

    /// <summary>A named pipe in the folder (not a regular file) is never opened: the request does not hang on it.</summary>
    [Fact]
    public async Task A_file_that_is_not_a_regular_file_is_not_served()
    {
        using var dir = new TempDirectory();
        await using var server = await Start(dir);
        Assert.Equal(0, Processes.Run("mkfifo", [dir.File("output/pipe.gif")]).ExitCode);
        var (status, body) = await Get(server.Address, "files/pipe.gif").WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("", body);
    }

    [Theory]
    [InlineData("files/%2500")]
    [InlineData("files/conv%2500.gif")]
    [InlineData("files/conv/%2500/x")]
    [InlineData("files/%250a")]
    [InlineData("figures/conv%2500/0.png")]
    public async Task Encoded_control_characters_are_a_bad_request(string url)
    {
        using var dir = new TempDirectory();
        await using var server = await Start(dir);
        var (status, _) = await Get(server.Address, url);
        Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{url}: {status}");
        if (url.StartsWith("files/", StringComparison.Ordinal)) Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Only_requests_naming_the_server_itself_are_answered()
    {
        using var dir = new TempDirectory();
        await using var server = await Start(dir);
        var port = server.Address.Port;
        foreach (var host in new[] { $"127.0.0.1:{port}", $"localhost:{port}", $"LOCALHOST:{port}", $"[::1]:{port}" })
        {
            Assert.Equal(HttpStatusCode.OK, (await Get(server.Address, "api/state", host)).Status);
        }
        foreach (var host in new[] { $"evil.example:{port}", "evil.example", $"127.0.0.1:{port + 1}", "127.0.0.1", $"localhost.evil.example:{port}", $"127.0.0.2:{port}" })
        {
            foreach (var url in new[] { "", "api/state", "files/conv.gif", "figures/conv/0.png", "events" })
            {
                var (status, body) = await Get(server.Address, url, host);
                Assert.True(status == HttpStatusCode.BadRequest, $"Host {host}, /{url}: {status}");
                Assert.DoesNotContain("conv", body);
            }
        }
    }

    [Fact]
    public async Task Responses_forbid_framing_but_for_the_player_in_the_page_and_sniffing()
    {
        using var dir = new TempDirectory();
        await using var server = await Start(dir);
        using var http = new HttpClient();
        foreach (var url in new[] { "", "api/state", "files/conv.gif", "figures/conv/0.png", "files/missing" })
        {
            using var response = await http.GetAsync(new Uri(server.Address, url));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
            Assert.Contains("frame-ancestors 'none'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
        }
        // A figure's player is framed by the server's own page only.
        using (var player = await http.GetAsync(new Uri(server.Address, "figures/conv/player.html")))
        {
            Assert.Equal("SAMEORIGIN", Assert.Single(player.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("frame-ancestors 'self'", Assert.Single(player.Headers.GetValues("Content-Security-Policy")));
        }
        // A page or picture from the user's folder runs no script in the server's origin.
        using var file = await http.GetAsync(new Uri(server.Address, "files/conv.gif"));
        Assert.Contains("sandbox", string.Join(";", file.Headers.GetValues("Content-Security-Policy")));
    }

    /// <summary>
    /// DNS rebinding as a browser does it: chromium resolves evil.example to 127.0.0.1, so a page of evil.example is
    /// same-origin with the server. It gets a 400 for the page and for every request it makes.
    /// </summary>
    [Fact]
    public async Task A_page_of_another_name_resolved_to_this_machine_reads_nothing()
    {
        using var dir = new TempDirectory();
        await using var server = await Start(dir);
        await using var chromium = await HeadlessChromium.StartAsync("--host-resolver-rules=\"MAP evil.example 127.0.0.1\"");
        var evil = $"http://evil.example:{server.Address.Port}/";
        var response = await chromium.Page.GoToAsync(evil);
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        var read = await chromium.EvaluateAsync("""
            Promise.all(["api/state", "files/conv.gif", "files/passwd-link"].map(u => fetch(u).then(r => r.status + " " + r.headers.get("content-type")).catch(e => String(e))))
            """);
        Assert.All(read.EnumerateArray(), r => Assert.StartsWith("400", r.GetString()));
        // The same browser at the server's own address sees the page.
        var own = await chromium.Page.GoToAsync(server.Address.AbsoluteUri);
        Assert.Equal(HttpStatusCode.OK, own.Status);
    }
}
