namespace ClimateRisk.Core.Random;

/// <summary>
/// The named random streams of MODEL §2. The stream is part of every random-number key, so
/// adding a peril never shifts the draws of another. Values are part of the key: never
/// renumber them, or every stored result stops being reproducible.
/// </summary>
public enum RandomStreamId : byte
{
    /// <summary>Climate-sensitivity draw z_w per path (year 0, site 0).</summary>
    Warming = 1,

    /// <summary>Sea-level draw z_sl per path (year 0, site 0).</summary>
    SeaLevel = 2,

    /// <summary>Carbon-price draw z_c per path (year 0, site 0).</summary>
    Carbon = 3,

    /// <summary>Electricity-price shock ε per path and year (site 0).</summary>
    PowerPrice = 4,

    /// <summary>Grid-factor draw z_g per path (year 0, site 0).</summary>
    Grid = 5,

    /// <summary>Interannual temperature anomaly per site and year (copula).</summary>
    HeatAnomaly = 6,

    /// <summary>Number of hot days (draw 0) and of cooling shortfalls among them (draw 1).</summary>
    HotDays = 7,

    /// <summary>Annual-maximum river/pluvial flood event per site and year (copula).</summary>
    Flood = 8,

    /// <summary>Secondary uncertainty of the damage ratio: river flood (draw 0), coastal flood (draw 1).</summary>
    FloodDamage = 9,

    /// <summary>Annual-maximum still-water level per site and year (copula).</summary>
    Surge = 10,

    /// <summary>Annual-maximum gust per site and year (copula).</summary>
    Wind = 11,

    /// <summary>Drought-restriction days per site and year.</summary>
    Drought = 13,
}
