using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConvAnimations.Tests.Schema;
using ConvAnimations.Tests.Support;
using Json.Schema;

namespace ConvAnimations.Tests.Ci;

/// <summary>
/// The CI jobs the repository offers: .github/workflows/ci.yml and docs/ci.md's GitLab job, checked against the CI
/// systems' syntax (JSON Schemas shipped beside this file, validated by JsonSchema.Net), and against what scripts/test
/// writes: they run it, publish its JUnit files and upload its reports and the received and diff snapshots.
/// </summary>
public sealed partial class CiWorkflowTests
{
    private static readonly string Here = Path.Combine(Repo.Root, "tests", "ConvAnimations.Tests", "Ci");
    private static readonly string WorkflowFile = Path.Combine(Repo.Root, ".github", "workflows", "ci.yml");
    private static readonly string Docs = File.ReadAllText(Path.Combine(Repo.Root, "docs", "ci.md"));
    private static readonly JsonSchema GitHub = JsonSchema.FromFile(Path.Combine(Here, "github-workflow.schema.json"));
    private static readonly JsonSchema GitLab = JsonSchema.FromFile(Path.Combine(Here, "gitlab-ci.schema.json"));
    private static readonly EvaluationOptions Options = new() { OutputFormat = OutputFormat.List };

    private static EvaluationResults Evaluate(JsonSchema schema, JsonNode? yaml) => schema.Evaluate(System.Text.Json.JsonSerializer.SerializeToElement(yaml), Options);

    private static string Errors(EvaluationResults results) =>
        string.Join("\n", (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")));

    private static JsonNode Workflow => YamlAsJson.Convert(File.ReadAllText(WorkflowFile))!;

    private static JsonNode GitLabJob => YamlAsJson.Convert(YamlBlocks().Matches(Docs)[1].Groups[1].Value)!;

    [Fact]
    public void The_GitHub_workflow_follows_GitHubs_syntax()
    {
        var result = Evaluate(GitHub, Workflow);
        Assert.True(result.IsValid, Errors(result));
    }

    [Fact]
    public void The_GitLab_job_follows_GitLabs_syntax()
    {
        var result = Evaluate(GitLab, GitLabJob);
        Assert.True(result.IsValid, Errors(result));
    }

    /// <summary>The schema is not narrower than GitHub: a workflow using the rest of the syntax passes.</summary>
    [Fact]
    public void The_GitHub_schema_accepts_the_rest_of_the_syntax()
    {
        const string Other = """
            name: Everything else
            run-name: Nightly by ${{ github.actor }}
            on:
              schedule:
                - cron: "30 2 * * 1-5"
              push:
                tags: ["v*"]
                paths-ignore: [docs/**]
              workflow_dispatch:
                inputs:
                  level: {description: How much, type: choice, options: [a, b], default: a, required: true}
              release: {types: [published]}
            permissions: read-all
            env: {CONFIGURATION: Release, RUNS: 3, VERBOSE: false}
            defaults: {run: {shell: bash, working-directory: src}}
            concurrency: nightly
            jobs:
              build:
                name: Build ${{ matrix.os }}
                runs-on: ${{ matrix.os }}
                strategy:
                  fail-fast: false
                  max-parallel: 2
                  matrix: {os: [ubuntu-24.04, windows-latest], include: [{os: macos-latest, extra: true}]}
                services:
                  db: {image: "postgres:16", ports: [5432], env: {POSTGRES_PASSWORD: x}, options: --health-cmd pg_isready}
                outputs: {version: "${{ steps.v.outputs.version }}"}
                environment: {name: staging, url: "https://example.org"}
                continue-on-error: ${{ matrix.extra == true }}
                steps:
                  - id: v
                    run: echo "version=1" >> "$GITHUB_OUTPUT"
                    shell: bash
                    timeout-minutes: 5
                  - uses: ./.github/actions/local
                  - uses: docker://alpine:3.20
                    with: {args: echo hi}
              call:
                needs: [build]
                if: always()
                uses: octo/workflows/.github/workflows/release.yml@main
                with: {dry-run: true}
                secrets: inherit
            """;
        var result = Evaluate(GitHub, YamlAsJson.Convert(Other));
        Assert.True(result.IsValid, Errors(result));
    }

    /// <summary>The schemas are not empty promises: each mistake below is one a person makes, and each is refused.</summary>
    [Theory]
    [InlineData("runs-on: ubuntu-24.04", "run-on: ubuntu-24.04")]
    [InlineData("steps:", "step:")]
    [InlineData("timeout-minutes: 60", "timeout-minutes: an hour")]
    [InlineData("  pull_request:\n", "  pull-request:\n")]
    [InlineData("      - uses: actions/checkout@v4", "      - uses: actions/checkout")]
    [InlineData("      - name: Test\n        run: scripts/test", "      - name: Test\n        run: scripts/test\n        uses: actions/checkout@v4")]
    [InlineData("  checks: write", "  checks: admin")]
    [InlineData("name: CI\n", "name: CI\nenvironment: ci\n")]
    public void The_GitHub_schema_refuses_a_broken_workflow(string good, string bad)
    {
        var text = File.ReadAllText(WorkflowFile);
        Assert.Contains(good, text);
        Assert.False(Evaluate(GitHub, YamlAsJson.Convert(text.Replace(good, bad))).IsValid, $"accepted: {bad}");
    }

    [Theory]
    [InlineData("  script:", "  scripts:")]
    [InlineData("    when: always", "    when: sometimes")]
    [InlineData("      junit: TestResults/*.junit.xml", "      junits: TestResults/*.junit.xml")]
    [InlineData("  timeout: 60 minutes", "  timeout: an hour")]
    public void The_GitLab_schema_refuses_a_broken_job(string good, string bad)
    {
        var text = YamlBlocks().Matches(Docs)[1].Groups[1].Value;
        Assert.Contains(good, text);
        Assert.False(Evaluate(GitLab, YamlAsJson.Convert(text.Replace(good, bad))).IsValid, $"accepted: {bad}");
    }

    [Fact]
    public void The_docs_show_the_workflow_the_repository_runs()
    {
        Assert.Equal(File.ReadAllText(WorkflowFile), YamlBlocks().Matches(Docs)[0].Groups[1].Value);
    }

    [Fact]
    public void Both_jobs_run_scripts_test_like_ci_run_and_keep_what_it_writes()
    {
        Assert.Matches(@"(?m)^exec scripts/test$", File.ReadAllText(Path.Combine(Repo.Root, ".ci", "run")));
        var steps = Workflow["jobs"]!["test"]!["steps"]!.AsArray().Select(s => s!.AsObject()).ToList();
        var gitlab = GitLabJob["test"]!;
        Assert.Contains(steps, s => (string?)s["run"] == "scripts/test");
        Assert.Contains("scripts/test", gitlab["script"]!.AsArray().Select(s => (string?)s));

        // What scripts/test writes: the suite's JUnit file, the snapshot reports, the received and diff snapshots
        // (the names .gitignore keeps out of the repository).
        var written = new[] { "TestResults/tests.junit.xml", "TestResults/snapshots.junit.xml" };
        Assert.Contains("tests.junit.xml", File.ReadAllText(Path.Combine(Repo.Root, "scripts", "test")));
        Assert.Equal(Path.Combine(Repo.Root, "TestResults"), Rendering.SnapshotReports.Folder);
        var ignored = File.ReadAllLines(Path.Combine(Repo.Root, ".gitignore"));
        Assert.Contains("*.received.*", ignored);
        Assert.Contains("*.diff.png", ignored);
        var artifacts = new[] { "TestResults/", "tests/ConvAnimations.Tests/Snapshots/*.received.*", "tests/ConvAnimations.Tests/Snapshots/*.diff.png" };

        var junit = (string)steps.Single(s => ((string?)s["uses"])?.StartsWith("mikepenz/action-junit-report@") == true)["with"]!["report_paths"]!;
        var upload = steps.Single(s => ((string?)s["uses"])?.StartsWith("actions/upload-artifact@") == true)["with"]!;
        Assert.All(written, file => Assert.Matches(Glob(junit), file));
        Assert.Equal(artifacts, ((string)upload["path"]!).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains(steps, s => ((string?)s["run"])?.Contains("TestResults/snapshots.md >> \"$GITHUB_STEP_SUMMARY\"") == true);
        // The reports are published and kept when the tests fail: that is when they matter.
        Assert.All(steps.SkipWhile(s => (string?)s["run"] != "scripts/test").Skip(1), s => Assert.Equal("${{ !cancelled() }}", (string?)s["if"]));

        Assert.All(written, file => Assert.Matches(Glob((string)gitlab["artifacts"]!["reports"]!["junit"]!), file));
        Assert.Equal(artifacts, gitlab["artifacts"]!["paths"]!.AsArray().Select(p => (string)p!));
        Assert.Equal("always", (string?)gitlab["artifacts"]!["when"]);
    }

    /// <summary>A CI glob (only '*', within one folder) as a regular expression.</summary>
    private static string Glob(string glob) => "^" + Regex.Escape(glob).Replace(@"\*", "[^/]*") + "$";

    [GeneratedRegex(@"```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex YamlBlocks();
}
