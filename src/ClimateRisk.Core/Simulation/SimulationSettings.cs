namespace ClimateRisk.Core.Simulation;

/// <summary>How much to simulate, and with which seed.</summary>
public sealed record SimulationSettings
{
    /// <summary>t0: base year of the reported figures (the 2023 ESG reports).</summary>
    public const int BaseYear = 2023;

    /// <summary>Number of paths N simulated by this process.</summary>
    public int Paths { get; init; } = 20_000;

    /// <summary>
    /// Global index of the first path: a shard simulates paths [FirstPath, FirstPath + Paths) of
    /// a larger run with exactly the draws the whole run would use for them (MODEL §12).
    /// </summary>
    public long FirstPath { get; init; }

    /// <summary>Seed of the counter-based generator.</summary>
    public ulong Seed { get; init; } = 20231231;

    /// <summary>First simulated year (NPV is discounted to it).</summary>
    public int FirstYear { get; init; } = 2025;

    /// <summary>Last simulated year.</summary>
    public int LastYear { get; init; } = 2050;

    /// <summary>Worker threads; 0 = all cores. Results do not depend on it.</summary>
    public int Workers { get; init; }

    /// <summary>The worker threads <see cref="Workers"/> stands for: itself, or the logical cores for 0.</summary>
    public int EffectiveWorkers => Workers > 0 ? Workers : Environment.ProcessorCount;

    /// <summary>
    /// The options of the engine's parallel loops: at most <see cref="EffectiveWorkers"/> threads.
    /// Never unbounded: with −1 the thread pool adds threads to CPU-bound loops, and a third
    /// thread on two cores was measured to cost CPU (docs/performance.md, seventh session).
    /// </summary>
    internal ParallelOptions ParallelOptions(CancellationToken cancellationToken) => new()
    {
        MaxDegreeOfParallelism = EffectiveWorkers,
        CancellationToken = cancellationToken,
    };

    /// <summary>Reporting horizons (TCFD / ISSB S2 short, medium, long).</summary>
    public IReadOnlyList<int> Horizons { get; init; } = [2030, 2040, 2050];

    /// <summary>Return periods of the loss exceedance curves, years.</summary>
    public IReadOnlyList<double> ReturnPeriodsY { get; init; } = [2, 5, 10, 25, 50, 100, 250, 500, 1000];

    /// <summary>Number of simulated years.</summary>
    public int YearCount => LastYear - FirstYear + 1;

    /// <summary>Throws when the settings cannot be simulated.</summary>
    public void Validate()
    {
        if (Paths < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(Paths), Paths, "At least 2 paths are needed for a standard error.");
        }

        if (FirstYear < BaseYear || LastYear < FirstYear || LastYear > 2100)
        {
            throw new ArgumentOutOfRangeException(nameof(FirstYear), $"{FirstYear}..{LastYear}", $"Years must satisfy {BaseYear} ≤ first ≤ last ≤ 2100.");
        }

        if (FirstPath < 0 || FirstPath + Paths > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(FirstPath), FirstPath, "Paths must lie in [0, 2³²): the path is one 32-bit word of the random-number counter.");
        }

        if (Workers < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(Workers), Workers, "Workers must be 0 (all cores) or positive.");
        }
    }
}
