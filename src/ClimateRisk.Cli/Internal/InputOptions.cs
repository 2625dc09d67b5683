using System.CommandLine;

namespace ClimateRisk.Cli.Internal;

/// <summary>The options that name a run's inputs, shared by run, compare, report and validate.</summary>
internal sealed class InputOptions
{
    public Option<string?> Data { get; } = new("--data") { Description = "Directory with the shared tables (default: the bundled data/)." };

    public Option<string?> Sites { get; } = new("--sites") { Description = "Portfolio CSV (default: <data>/sites.csv)." };

    public Option<string[]> Scenarios { get; } = new("--scenarios")
    {
        Description = "Scenario YAML files, directories of them, or ids of bundled scenarios, comma- or space-separated (default: every bundled scenario).",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string?> PueResponse { get; } = new("--pue-response")
    {
        Description = "PUE response learned from telemetry (pue_response.csv from 'calibrate'): its sites use that curve's shape in place of their cooling type's, the level still set by the reported PUE.",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Sites);
        command.Options.Add(Scenarios);
        command.Options.Add(PueResponse);
    }
}
