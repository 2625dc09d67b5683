using ClimateRisk.Core.Simulation;

namespace ClimateRisk.Pipeline;

/// <summary>Checked <see cref="SimulationSettings"/> from the options of the command line.</summary>
public static class SettingsParser
{
    /// <summary>The settings of <paramref name="request"/>.</summary>
    /// <exception cref="RunRefusedException">An option out of range, in the words of the command line.</exception>
    public static SimulationSettings Create(SimulationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Create(request.Paths, request.Seed, request.Years, request.Workers);
    }

    /// <summary>Settings of <paramref name="paths"/> paths, <paramref name="seed"/>, <paramref name="years"/> (FIRST..LAST) and <paramref name="workers"/> threads (0 = all cores).</summary>
    /// <exception cref="RunRefusedException">An option out of range, in the words of the command line.</exception>
    public static SimulationSettings Create(int paths, ulong seed, string years, int workers)
    {
        ArgumentNullException.ThrowIfNull(years);
        if (!Internal.YearRange.TryParse(years, out var firstYear, out var lastYear))
        {
            throw new RunRefusedException($"error: --years '{years}': expected FIRST..LAST, e.g. 2025..2050");
        }

        var settings = new SimulationSettings { Paths = paths, Seed = seed, FirstYear = firstYear, LastYear = lastYear, Workers = workers };
        try
        {
            settings.Validate();
            return settings;
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new RunRefusedException($"error: {ex.ParamName} '{ex.ActualValue}': {ex.Message.Split(" (Parameter")[0]}", ex);
        }
    }
}
