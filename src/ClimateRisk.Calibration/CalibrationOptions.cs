namespace ClimateRisk.Calibration;

/// <summary>Settings of <see cref="PueCalibrator"/>. The defaults are what <c>climaterisk calibrate</c> uses.</summary>
public sealed record CalibrationOptions
{
    /// <summary>Seed of every <c>MLContext</c> and trainer (with one thread, the fits are then deterministic).</summary>
    public int Seed { get; init; } = 2026;

    /// <summary>Boosting rounds of the GAM (Microsoft.ML's default is 9,500 at learning rate 0.002).</summary>
    public int GamIterations { get; init; } = 1500;

    /// <summary>GAM learning rate.</summary>
    public double GamLearningRate { get; init; } = 0.02;

    /// <summary>Bins per feature of the GAM and of FastTree.</summary>
    public int MaxBinsPerFeature { get; init; } = 128;

    /// <summary>Trees of the FastTree cross-check.</summary>
    public int TreeCount { get; init; } = 200;

    /// <summary>Leaves per tree of the FastTree cross-check.</summary>
    public int TreeLeaves { get; init; } = 16;

    /// <summary>Lowest temperature of the response table, °C.</summary>
    public double GridMinC { get; init; } = -20;

    /// <summary>Highest temperature of the response table, °C.</summary>
    public double GridMaxC { get; init; } = 45;

    /// <summary>Step of the response table, °C.</summary>
    public double GridStepC { get; init; } = 0.5;

    /// <summary>Whether to hold each month out in turn (leave-one-month-out) for the fit metrics; off only to save time in tests of the curve alone.</summary>
    public bool Validate { get; init; } = true;

    /// <summary>The table's temperatures, °C.</summary>
    public IReadOnlyList<double> Grid()
    {
        var count = (int)Math.Round((GridMaxC - GridMinC) / GridStepC) + 1;
        return Enumerable.Range(0, count).Select(i => Math.Round(GridMinC + (i * GridStepC), 6)).ToArray();
    }
}
