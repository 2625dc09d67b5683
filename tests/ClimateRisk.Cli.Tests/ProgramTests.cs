using System.CommandLine;
using System.Reflection;
using ClimateRisk.Pipeline;
using Spectre.Console;

namespace ClimateRisk.Cli.Tests;

/// <summary>The root command: --version and the subcommands the README names.</summary>
public sealed class ProgramTests
{
    private static (int Code, string Output) Invoke(params string[] args)
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()), Interactive = InteractionSupport.No });
        var code = Program.CreateRoot(console, output, TextWriter.Null, CancellationToken.None).Parse(args).Invoke(new InvocationConfiguration { Output = output });
        return (code, output.ToString());
    }

    [Fact]
    public void Version_prints_the_tool_version_the_manifest_records()
    {
        var (code, output) = Invoke("--version");

        code.Should().Be(0);
        var informational = typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion;
        output.Trim().Should().Be(informational);
        output.Should().StartWith(ToolVersion.Number, "manifest.json's tool is \"climaterisk \" and this number");
        ToolVersion.Number.Should().MatchRegex(@"^\d+\.\d+\.\d+$");
    }

    [Fact]
    public void Every_command_of_the_readme_is_there()
    {
        var readme = File.ReadAllText(Path.Combine(IO.Tests.TestSupport.TestInputs.RepoRoot, "README.md"));
        var (_, help) = Invoke("--help");

        foreach (var command in new[] { "run", "compare", "merge", "bench", "validate", "report" })
        {
            readme.Should().Contain($"climaterisk {command}");
            help.Should().MatchRegex($@"(?m)^\s+{command}\b");
        }
    }
}
