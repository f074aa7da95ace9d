using System.Collections.Concurrent;
using System.Text.Json;
using PuppeteerSharp;

namespace ConvAnimations.Tests.Support;

/// <summary>
/// Debian's chromium, headless, driven by PuppeteerSharp (which never downloads a browser here): open a page,
/// evaluate script in it, collect console errors, page exceptions and failed loads, take a screenshot.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    private readonly IBrowser _browser;
    private readonly string _profile;

    private HeadlessChromium(IBrowser browser, IPage page, string profile)
    {
        (_browser, Page, _profile) = (browser, page, profile);
        page.Console += (_, e) =>
        {
            if (e.Message.Type == ConsoleType.Error) Errors.Enqueue($"console: {e.Message.Text} {e.Message.Location?.URL}");
        };
        page.PageError += (_, e) => Errors.Enqueue($"exception: {e.Message}");
        page.RequestFailed += (_, e) =>
        {
            // A frame superseded by the next while it loads (a figure playing on a loaded machine) is aborted by the
            // browser itself: not a failure of the page or the server.
            if (e.Request.FailureText != "net::ERR_ABORTED") Errors.Enqueue($"failed: {e.Request.Url} {e.Request.FailureText}");
        };
        page.Response += (_, e) =>
        {
            if ((int)e.Response.Status >= 400) Errors.Enqueue($"status {(int)e.Response.Status}: {e.Response.Url}");
        };
    }

    public IPage Page { get; }

    public ConcurrentQueue<string> Errors { get; } = new();

    /// <param name="arguments">More of chromium's switches; PuppeteerSharp joins them into one command line, so a value with spaces is quoted.</param>
    public static async Task<HeadlessChromium> StartAsync(params string[] arguments)
    {
        var profile = Directory.CreateTempSubdirectory("convanim-chromium-").FullName;
        var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--autoplay-policy=no-user-gesture-required", "--hide-scrollbars",
                .. arguments,
            ],
            UserDataDir = profile,
            DefaultViewport = new ViewPortOptions { Width = 1400, Height = 1000 },
            Timeout = 30_000,
        });
        var pages = await browser.PagesAsync();
        var page = pages.Length > 0 ? pages[0] : await browser.NewPageAsync();
        return new HeadlessChromium(browser, page, profile);
    }

    public async Task NavigateAsync(string url) =>
        await Page.GoToAsync(url, new NavigationOptions { WaitUntil = [WaitUntilNavigation.Load], Timeout = 30_000 });

    /// <summary>Evaluates an expression (awaiting a promise) and returns its value as JSON.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression) => await Page.EvaluateExpressionAsync<JsonElement>(expression);

    public async Task<byte[]> ScreenshotAsync(bool fullPage = true) => await Page.ScreenshotDataAsync(new ScreenshotOptions { FullPage = fullPage });

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        await _browser.DisposeAsync();
        try
        {
            Directory.Delete(_profile, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
