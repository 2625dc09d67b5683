namespace ClimateRisk.Cli.Commands;

/// <summary>What <c>climaterisk run</c> was asked to do.</summary>
internal sealed record RunRequest
{
    public string? Data { get; init; }

    public string? Sites { get; init; }

    public IReadOnlyList<string> Scenarios { get; init; } = [];

    public int Paths { get; init; } = 20_000;

    public ulong Seed { get; init; } = 20231231;

    public string Years { get; init; } = "2025..2050";

    public string? Out { get; init; }

    public int Workers { get; init; }

    public bool Force { get; init; }

    public string? Shard { get; init; }

    public IReadOnlyList<string> CommandLine { get; init; } = [];
}
