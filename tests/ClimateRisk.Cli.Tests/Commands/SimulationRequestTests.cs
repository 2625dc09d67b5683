using System.CommandLine;
using ClimateRisk.Cli.Internal;
using ClimateRisk.Pipeline;

namespace ClimateRisk.Cli.Tests.Commands;

/// <summary>The options run and compare share, read into their requests in one place.</summary>
public class SimulationRequestTests
{
    private static (Command Command, InputOptions Inputs, SimulationOptions Simulation) Command(int defaultPaths)
    {
        var inputs = new InputOptions();
        var simulation = new SimulationOptions(defaultPaths, "test");
        var command = new Command("test");
        inputs.AddTo(command);
        simulation.AddTo(command);
        return (command, inputs, simulation);
    }

    [Fact]
    public void Defaults_are_those_of_the_command_line()
    {
        var run = new RunRequest();
        var compare = new CompareRequest();
        (run.Paths, run.Seed, run.Years).Should().Be((20_000, 20231231UL, "2025..2050"));
        (compare.Paths, compare.Seed, compare.Years).Should().Be((5_000, 20231231UL, "2025..2050"));
        (compare with { Out = "x" }).Paths.Should().Be(5_000);

        var (runCommand, runInputs, runOptions) = Command(SimulationOptions.Defaults.Paths);
        runOptions.Read(runCommand.Parse([]), runInputs, new RunRequest()).Should().BeEquivalentTo(run, o => o.Excluding(r => r.CommandLine), "parsing no options changes nothing but the command line");
        var (compareCommand, compareInputs, compareOptions) = Command(CompareRequest.DefaultPaths);
        var parsed = compareOptions.Read(compareCommand.Parse([]), compareInputs, new CompareRequest());
        parsed.Should().BeEquivalentTo(compare, o => o.Excluding(r => r.CommandLine));
    }

    [Fact]
    public void Every_shared_option_reaches_the_request_and_the_commands_own_fields_stay()
    {
        var (command, inputs, simulation) = Command(CompareRequest.DefaultPaths);
        var parse = command.Parse(["--data", "d", "--sites", "s.csv", "--scenarios", "a", "b", "--paths", "123", "--seed", "5", "--years", "2030..2031", "--out", "o", "--workers", "3", "--force"]);

        var request = simulation.Read(parse, inputs, new CompareRequest { Candidates = "c.csv", Measures = "m.csv" });

        request.Should().BeEquivalentTo(new CompareRequest
        {
            Data = "d",
            Sites = "s.csv",
            Scenarios = ["a", "b"],
            Paths = 123,
            Seed = 5,
            Years = "2030..2031",
            Out = "o",
            Workers = 3,
            Force = true,
            Candidates = "c.csv",
            Measures = "m.csv",
        }, o => o.Excluding(r => r.CommandLine));
    }
}
