using ClimateRisk.Core.Sensitivity;

namespace ClimateRisk.Reporting.Internal;

/// <summary>How the board pack names the sensitivity driver groups (docs/model.md, "Sensitivity").</summary>
internal static class DriverLabels
{
    /// <summary>Short label for chart rows, capitalised.</summary>
    public static string Label(SensitivityDriver driver) => driver switch
    {
        SensitivityDriver.Warming => "Warming (climate sensitivity)",
        SensitivityDriver.SeaLevel => "Sea-level rise",
        SensitivityDriver.CarbonPrice => "Carbon price",
        SensitivityDriver.GridFactor => "Grid emission factor",
        SensitivityDriver.ElectricityPrice => "Electricity price",
        SensitivityDriver.Heat => "Heat (anomalies, hot days)",
        SensitivityDriver.Flood => "River and pluvial floods",
        SensitivityDriver.Surge => "Storm surge",
        SensitivityDriver.Wind => "Typhoon wind",
        SensitivityDriver.Drought => "Drought restrictions",
        SensitivityDriver.DamageUncertainty => "Damage uncertainty",
        _ => driver.Name(),
    };

    /// <summary>The driver inside a sentence, lower case.</summary>
    public static string Phrase(SensitivityDriver driver) => driver switch
    {
        SensitivityDriver.Warming => "global warming (climate sensitivity)",
        SensitivityDriver.SeaLevel => "sea-level rise",
        SensitivityDriver.CarbonPrice => "the carbon price",
        SensitivityDriver.GridFactor => "the grid emission factor",
        SensitivityDriver.ElectricityPrice => "the electricity price",
        SensitivityDriver.Heat => "heat (anomalies and hot days)",
        SensitivityDriver.Flood => "river and pluvial floods",
        SensitivityDriver.Surge => "storm surge",
        SensitivityDriver.Wind => "typhoon wind",
        SensitivityDriver.Drought => "drought restrictions",
        SensitivityDriver.DamageUncertainty => "damage uncertainty",
        _ => driver.Name(),
    };
}
