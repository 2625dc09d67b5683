namespace ClimateRisk.Core.Sensitivity;

/// <summary>
/// The groups of random drivers whose Sobol indices the engine reports (issue 13, docs/model.md
/// "Sensitivity"). Each group is a set of random-number streams (<see cref="SensitivityDrivers.Streams"/>);
/// together they cover every stream the kernel draws, so the indices describe the whole model.
/// </summary>
public enum SensitivityDriver
{
    /// <summary>Climate-sensitivity draw z_w (global warming on the path).</summary>
    Warming,

    /// <summary>Sea-level draw z_sl.</summary>
    SeaLevel,

    /// <summary>Carbon-price draw z_c.</summary>
    CarbonPrice,

    /// <summary>Grid-factor draw z_g.</summary>
    GridFactor,

    /// <summary>Electricity-price shocks ε per year.</summary>
    ElectricityPrice,

    /// <summary>Interannual temperature anomaly and the hot-day / shortfall counts.</summary>
    Heat,

    /// <summary>Annual-maximum river/pluvial flood event.</summary>
    Flood,

    /// <summary>Annual-maximum still-water level (storm surge).</summary>
    Surge,

    /// <summary>Annual-maximum gust.</summary>
    Wind,

    /// <summary>Drought-restriction days.</summary>
    Drought,

    /// <summary>Secondary uncertainty of the damage ratio given the hazard.</summary>
    DamageUncertainty,
}
