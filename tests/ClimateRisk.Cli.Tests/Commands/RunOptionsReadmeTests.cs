using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using ClimateRisk.Cli.Commands;
using ClimateRisk.IO.Tests.TestSupport;
using Spectre.Console;

namespace ClimateRisk.Cli.Tests.Commands;

/// <summary>
/// README.md's table of <c>run</c> options and the options <c>climaterisk run --help</c> shows
/// are the same: names, value names, meanings and defaults. A changed option or README row
/// fails here until the other follows.
/// </summary>
public sealed partial class RunOptionsReadmeTests
{
    private sealed record Row(string Name, string? HelpName, string Meaning, string Default);

    [Fact]
    public void The_readme_table_lists_every_run_option_with_its_help_text_and_default()
    {
        var rows = ReadmeRows();
        var options = RunCommand.Create(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()) }), TextWriter.Null, TextWriter.Null, CancellationToken.None)
            .Options.ToList();

        rows.Select(r => r.Name).Should().BeEquivalentTo(options.Select(o => o.Name), "the README's table lists exactly the options of run");
        foreach (var option in options)
        {
            var row = rows.Single(r => r.Name == option.Name);
            option.HelpName.Should().Be(row.HelpName, $"{option.Name}: the value name in --help is the README's");
            var (meaning, helpDefault) = SplitDefault(option.Description!);
            meaning.Should().Be(Sentence(row.Meaning), $"{option.Name}: --help says what the README says");
            if (option.ValueType == typeof(bool))
            {
                (row.Default, option.GetDefaultValue()).Should().Be(("off", false), $"{option.Name}: a switch, off unless given");
            }
            else if (option.HasDefaultValue)
            {
                helpDefault.Should().BeNull($"{option.Name}: the default is shown once, by the parser");
                Convert.ToString(option.GetDefaultValue(), CultureInfo.InvariantCulture).Should().Be(row.Default, $"{option.Name}: default");
            }
            else if (row.Default is "–" or "off")
            {
                helpDefault.Should().BeNull($"{option.Name}: no default in the README");
            }
            else
            {
                helpDefault.Should().Be(row.Default, $"{option.Name}: default");
            }
        }
    }

    [Fact]
    public void Help_shows_the_readme_defaults()
    {
        using var output = new StringWriter();
        var command = RunCommand.Create(AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()) }), output, TextWriter.Null, CancellationToken.None);

        var root = new RootCommand { Subcommands = { command } };

        root.Parse(["run", "--help"]).Invoke(new InvocationConfiguration { Output = output });

        var help = output.ToString();
        help.Should().Contain("--paths <N>").And.Contain("[default: 20000]").And.Contain("--shard <i/n>").And.Contain("start an interrupted one again");
    }

    /// <summary>The rows of the table after "Options of `run`", cells without markdown.</summary>
    private static List<Row> ReadmeRows()
    {
        var lines = File.ReadAllLines(Path.Combine(TestInputs.RepoRoot, "README.md"));
        var start = Array.FindIndex(lines, l => l.StartsWith("Options of `run`", StringComparison.Ordinal));
        start.Should().BeGreaterThan(0, "README.md has the table of run options");
        var rows = new List<Row>();
        foreach (var line in lines.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).Skip(2))
        {
            var cells = CellSplit().Split(line.Trim().Trim('|')).Select(c => Plain(c.Trim())).ToArray();
            cells.Should().HaveCount(3, $"a row of option, meaning, default: {line}");
            var nameAndValue = cells[0].Split(' ', 2);
            rows.Add(new Row(nameAndValue[0], nameAndValue.Length > 1 ? nameAndValue[1] : null, cells[1], cells[2]));
        }

        return rows;
    }

    /// <summary>The description without its closing " (default: …)", and that default.</summary>
    private static (string Meaning, string? Default) SplitDefault(string description)
    {
        var match = DefaultSuffix().Match(description);
        return match.Success ? (description[..match.Index] + ".", match.Groups[1].Value) : (description, null);
    }

    private static string Sentence(string meaning) => char.ToUpperInvariant(meaning[0]) + meaning[1..] + ".";

    private static string Plain(string cell) => cell.Replace("`", string.Empty, StringComparison.Ordinal).Replace("\\|", "|", StringComparison.Ordinal);

    /// <summary>A cell separator: a | not escaped as \|.</summary>
    [GeneratedRegex(@"(?<!\\)\|")]
    private static partial Regex CellSplit();

    [GeneratedRegex(@" \(default: (.*)\)\.$")]
    private static partial Regex DefaultSuffix();
}
