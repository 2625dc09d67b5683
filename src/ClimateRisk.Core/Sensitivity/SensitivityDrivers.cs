using ClimateRisk.Core.Random;

namespace ClimateRisk.Core.Sensitivity;

/// <summary>File names of the driver groups and the random-number streams each one owns.</summary>
public static class SensitivityDrivers
{
    private static readonly string[] Names =
    [
        "warming", "sea_level", "carbon_price", "grid_factor", "electricity_price", "heat",
        "flood", "surge", "wind", "drought", "damage_uncertainty",
    ];

    // wind_damage (stream 12) is reserved and never drawn (§8's damage ratio is deterministic in
    // the gust), so damage_uncertainty is the flood-damage stream alone until it is used.
    private static readonly RandomStreamId[][] StreamsOf =
    [
        [RandomStreamId.Warming],
        [RandomStreamId.SeaLevel],
        [RandomStreamId.Carbon],
        [RandomStreamId.Grid],
        [RandomStreamId.PowerPrice],
        [RandomStreamId.HeatAnomaly, RandomStreamId.HotDays],
        [RandomStreamId.Flood],
        [RandomStreamId.Surge],
        [RandomStreamId.Wind],
        [RandomStreamId.Drought],
        [RandomStreamId.FloodDamage],
    ];

    /// <summary>Every group in file order.</summary>
    public static IReadOnlyList<SensitivityDriver> All { get; } = Enumerable.Range(0, Names.Length).Select(i => (SensitivityDriver)i).ToArray();

    /// <summary>Number of groups.</summary>
    public static int Count => Names.Length;

    /// <summary>The snake_case name of <paramref name="driver"/> in results/sensitivity.csv.</summary>
    public static string Name(this SensitivityDriver driver) => Names[(int)driver];

    /// <summary>The group named <paramref name="name"/>, if any.</summary>
    public static bool TryParse(string name, out SensitivityDriver driver)
    {
        var i = Array.IndexOf(Names, name);
        driver = (SensitivityDriver)Math.Max(i, 0);
        return i >= 0;
    }

    /// <summary>The streams <paramref name="driver"/> re-keys in a pick-freeze design.</summary>
    public static ReadOnlySpan<RandomStreamId> Streams(this SensitivityDriver driver) => StreamsOf[(int)driver];
}
