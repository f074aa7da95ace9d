using System.CommandLine;
using System.Text.RegularExpressions;
using ConvAnimations.Cli.Commands;
using ConvAnimations.Spec;
using ConvAnimations.Tests.Support;
using ConvAnimations.Views;

namespace ConvAnimations.Tests.Architecture;

/// <summary>
/// The documentation in step with the code: docs/figure-language.md names every key the reader takes and every word of
/// its tables, docs/command-line.md every command and option the command line has, and every link of the README and
/// the docs leads to a file that exists.
/// </summary>
public sealed partial class DocumentationTests
{
    private static string Doc(string name) => File.ReadAllText(Path.Combine(Repo.Root, "docs", name));

    /// <summary>The rows of the first Markdown table after <paramref name="heading"/>: its cells, trimmed.</summary>
    private static List<string[]> Table(string text, string heading)
    {
        var lines = text[text.IndexOf(heading, StringComparison.Ordinal)..].Split('\n');
        return lines.SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).Skip(2)
            .Select(l => Regex.Split(l.Trim().Trim('|'), @"(?<!\\)\|").Select(c => c.Trim()).ToArray()).ToList();
    }

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Code();

    [Fact]
    public void The_figure_language_page_names_every_key_and_word_of_the_reader()
    {
        var rows = Table(Doc("figure-language.md"), "## Every key").ToDictionary(r => Code().Match(r[0]).Groups[1].Value, r => r[1]);
        Assert.Equal(FigureFields.KnownKeys(ViewTable.Default.Views).Order(), rows.Keys.Order());
        void Words(string key, IEnumerable<string> words)
        {
            var written = Code().Matches(rows[key]).Select(m => m.Groups[1].Value).ToList();
            Assert.All(words, w => Assert.Contains(w, written));
        }
        Words("kind", Kind.All.Select(k => k.Name));
        Words("view", ViewTable.Default.Words);
        Words("formats", OutputFormat.Names);
        Words("padding", Words<PaddingWord>.Names);
        Words("style", Words<FigureStyle>.Names);
        Words("theme", ThemeSpec.Names);
        Words("labels", Words<Labels>.Names);
        Words("reveal", Words<Reveal>.Names);
    }

    [Fact]
    public void The_command_line_page_names_every_command_and_option()
    {
        var rows = Table(Doc("command-line.md"), "# The command line");
        var commands = ConvanimCommand.Create().Subcommands.ToDictionary(c => c.Name);
        var documented = rows.Select(r => Code().Match(r[0]).Groups[1].Value).ToList();
        Assert.Equal(commands.Keys.Order(), documented.Select(u => u.Split(' ')[0]).Order());
        foreach (var usage in documented)
        {
            var command = commands[usage.Split(' ')[0]];
            foreach (var option in command.Options.Where(o => o.Name is not ("--help" or "-h" or "-?")))
            {
                Assert.True(usage.Contains(option.Name, StringComparison.Ordinal), $"the usage of {command.Name} does not name {option.Name}: {usage}");
            }
            foreach (var argument in command.Arguments) Assert.Contains(argument.Name, usage);
        }
    }

    [Fact]
    public void The_readmes_commands_exist()
    {
        var rows = Table(File.ReadAllText(Path.Combine(Repo.Root, "README.md")), "## The five commands");
        var commands = ConvanimCommand.Create().Subcommands.Select(c => c.Name).ToHashSet();
        Assert.Equal(5, rows.Count);
        Assert.All(rows, r => Assert.Contains(Code().Match(r[0]).Groups[1].Value.Split(' ')[1], commands));
    }

    [GeneratedRegex(@"\]\(([^)#\s]+)(#[^)]*)?\)")]
    private static partial Regex Link();

    [Fact]
    public void Every_link_of_the_readme_and_the_docs_leads_to_a_file()
    {
        var pages = Directory.GetFiles(Path.Combine(Repo.Root, "docs"), "*.md").Append(Path.Combine(Repo.Root, "README.md"));
        foreach (var page in pages)
        {
            // A link written as code (`![ALT](<output/NAME.animated.svg>)`, what a command prints) is an example, not a link.
            foreach (Match link in Link().Matches(Regex.Replace(File.ReadAllText(page), "`[^`\n]*`", "")))
            {
                var target = link.Groups[1].Value;
                if (target.Contains("://", StringComparison.Ordinal)) continue;
                var path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, target));
                Assert.True(File.Exists(path) || Directory.Exists(path), $"{Path.GetFileName(page)} links to {target}, which does not exist");
            }
        }
    }
}
