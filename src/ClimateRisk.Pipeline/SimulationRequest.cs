using ClimateRisk.Core.Simulation;

namespace ClimateRisk.Pipeline;

/// <summary>
/// What <c>run</c> and <c>compare</c> are both asked: the inputs, the size and seed of the
/// simulation, and where its results go. Defaults are those of the command line.
/// </summary>
public abstract record SimulationRequest
{
    /// <summary>The settings the requests default to (seed, years; paths for run).</summary>
    public static SimulationSettings Defaults { get; } = new();

    /// <summary>The default <see cref="Years"/>, FIRST..LAST of <see cref="Defaults"/>.</summary>
    public static string DefaultYears { get; } = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Defaults.FirstYear}..{Defaults.LastYear}");

    /// <summary>Directory with the shared tables (<c>--data</c>); null: the bundled data/.</summary>
    public string? Data { get; init; }

    /// <summary>Portfolio CSV (<c>--sites</c>); null: &lt;data&gt;/sites.csv.</summary>
    public string? Sites { get; init; }

    /// <summary>Scenario files, directories or bundled ids (<c>--scenarios</c>); empty: every bundled scenario.</summary>
    public IReadOnlyList<string> Scenarios { get; init; } = [];

    /// <summary>A PUE response learned from telemetry (<c>--pue-response</c>, from <c>calibrate</c>); null: the cooling types' default curves.</summary>
    public string? PueResponse { get; init; }

    /// <summary>Monte Carlo paths per scenario.</summary>
    public int Paths { get; init; } = Defaults.Paths;

    /// <summary>Seed of the counter-based generator.</summary>
    public ulong Seed { get; init; } = Defaults.Seed;

    /// <summary>Simulated years as given, e.g. 2025..2050.</summary>
    public string Years { get; init; } = DefaultYears;

    /// <summary>Output directory (<c>--out</c>); null: out/&lt;command&gt;-&lt;UTC timestamp&gt;.</summary>
    public string? Out { get; init; }

    /// <summary>Worker threads (0 = all cores).</summary>
    public int Workers { get; init; }

    /// <summary>Replace an existing output directory.</summary>
    public bool Force { get; init; }

    /// <summary>The command line as given, for the manifest.</summary>
    public IReadOnlyList<string> CommandLine { get; init; } = [];
}
