namespace ClimateRisk.Pipeline;

/// <summary>What <c>climaterisk compare</c> was asked to do.</summary>
public sealed record CompareRequest : SimulationRequest
{
    /// <summary>Default <c>--paths</c> of compare: every candidate and measure is simulated on its own.</summary>
    public const int DefaultPaths = 5_000;

    /// <summary>A request with the compare defaults.</summary>
    public CompareRequest() => Paths = DefaultPaths;

    /// <summary>Candidate sites file (<c>--candidates</c>).</summary>
    public string? Candidates { get; init; }

    /// <summary>Adaptation measures file (<c>--measures</c>).</summary>
    public string? Measures { get; init; }
}
