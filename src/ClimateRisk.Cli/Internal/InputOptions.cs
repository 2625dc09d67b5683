using System.CommandLine;

namespace ClimateRisk.Cli.Internal;

/// <summary>The options that name a run's inputs, shared by run, compare, report and validate.</summary>
internal sealed class InputOptions
{
    // Descriptions, help names and defaults are those of README.md's table of run options
    // (RunOptionsReadmeTests keeps them equal).
    public Option<string?> Data { get; } = new("--data")
    {
        Description = "Shared tables (climate, hazard, vulnerability, transition, register) (default: the bundled data/).",
        HelpName = "DIR",
    };

    public Option<string?> Sites { get; } = new("--sites") { Description = "Your portfolio CSV (default: sites.csv in --data).", HelpName = "FILE" };

    public Option<string[]> Scenarios { get; } = new("--scenarios")
    {
        Description = "Scenario files, directories or bundled ids, e.g. ngfs-net-zero-2050,ngfs-current-policies (default: every file in scenarios/).",
        HelpName = "X",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string?> PueResponse { get; } = new("--pue-response")
    {
        Description = "PUE response learned from telemetry (pue_response.csv from calibrate): its sites use that curve's shape in place of their cooling type's, the level still set by the reported PUE.",
        HelpName = "FILE",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Sites);
        command.Options.Add(Scenarios);
        command.Options.Add(PueResponse);
    }
}
