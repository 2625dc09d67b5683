namespace ClimateRisk.Cli.Commands;

/// <summary>What <c>climaterisk compare</c> was asked to do.</summary>
internal sealed record CompareRequest : SimulationRequest
{
    /// <summary>Default <c>--paths</c> of compare: every candidate and measure is simulated on its own.</summary>
    public const int DefaultPaths = 5_000;

    public CompareRequest() => Paths = DefaultPaths;

    public string? Candidates { get; init; }

    public string? Measures { get; init; }
}
