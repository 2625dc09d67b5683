using ClimateRisk.Cli.Internal;

namespace ClimateRisk.Cli.Commands;

/// <summary>
/// What <c>run</c> and <c>compare</c> are both asked: the inputs, the size and seed of the
/// simulation, and where its results go. Defaults are those of the command line.
/// </summary>
internal abstract record SimulationRequest
{
    public string? Data { get; init; }

    public string? Sites { get; init; }

    public IReadOnlyList<string> Scenarios { get; init; } = [];

    public int Paths { get; init; } = SimulationOptions.Defaults.Paths;

    public ulong Seed { get; init; } = SimulationOptions.Defaults.Seed;

    public string Years { get; init; } = SimulationOptions.DefaultYears;

    public string? Out { get; init; }

    public int Workers { get; init; }

    public bool Force { get; init; }

    public IReadOnlyList<string> CommandLine { get; init; } = [];
}
