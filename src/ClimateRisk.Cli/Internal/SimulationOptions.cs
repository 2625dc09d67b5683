using System.CommandLine;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Pipeline;

namespace ClimateRisk.Cli.Internal;

/// <summary>The options that size a simulation and name its output, shared by run and compare.</summary>
internal sealed class SimulationOptions(int defaultPaths, string command)
{
    /// <summary>The settings the options default to (seed, years; paths for run).</summary>
    public static SimulationSettings Defaults => SimulationRequest.Defaults;

    // Descriptions, help names and defaults are those of README.md's table of run options
    // (RunOptionsReadmeTests keeps them equal).
    public Option<int> Paths { get; } = new("--paths") { Description = "Monte Carlo paths per scenario.", HelpName = "N", DefaultValueFactory = _ => defaultPaths };

    public Option<ulong> Seed { get; } = new("--seed") { Description = "Seed of the counter-based generator.", HelpName = "S", DefaultValueFactory = _ => Defaults.Seed };

    public Option<string> Years { get; } = new("--years") { Description = "Simulated years.", HelpName = "A..B", DefaultValueFactory = _ => SimulationRequest.DefaultYears };

    public Option<string?> Out { get; } = new("--out") { Description = $"{(command == "run" ? "Run" : "Output")} directory; never overwritten without --force (default: out/{command}-<timestamp>).", HelpName = "DIR" };

    public Option<int> Workers { get; } = new("--workers") { Description = "Threads (0 = all cores); results are identical for any N.", HelpName = "N", DefaultValueFactory = _ => 0 };

    public Option<bool> Force { get; } = new("--force") { Description = "Replace an existing --out." };

    public void AddTo(Command command)
    {
        command.Options.Add(Paths);
        command.Options.Add(Seed);
        command.Options.Add(Years);
        command.Options.Add(Out);
        command.Options.Add(Workers);
        command.Options.Add(Force);
    }

    /// <summary><paramref name="request"/> with the inputs and the simulation options as parsed.</summary>
    public T Read<T>(ParseResult parse, InputOptions inputs, T request)
        where T : SimulationRequest => request with
        {
            Data = parse.GetValue(inputs.Data),
            Sites = parse.GetValue(inputs.Sites),
            Scenarios = parse.GetValue(inputs.Scenarios) ?? [],
            PueResponse = parse.GetValue(inputs.PueResponse),
            Paths = parse.GetValue(Paths),
            Seed = parse.GetValue(Seed),
            Years = parse.GetRequiredValue(Years),
            Out = parse.GetValue(Out),
            Workers = parse.GetValue(Workers),
            Force = parse.GetValue(Force),
            CommandLine = Environment.GetCommandLineArgs().Skip(1).ToArray(),
        };
}
