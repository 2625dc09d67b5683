using ClimateRisk.Core.Model;

namespace ClimateRisk.Core.Tests.TestSupport;

/// <summary>
/// Small hand-made inputs whose answers can be worked out independently: a flat climate
/// (no warming, σ = 0) unless a test asks otherwise, one site, one scenario.
/// </summary>
internal static class SyntheticInputs
{
    public const string FlatSsp = "FLAT";

    public static readonly CoolingType Chiller = new() { Id = "chiller", BetaPuePerC = 0.016, KneeC = 8, WidthC = 4, TCritC = 40 };

    public static SiteClimate Climate(double interannualSd = 0) => new()
    {
        MonthlyMeanC = [-3, 0, 7, 15, 21, 25, 27, 26, 21, 13, 4, -1],
        HourlySdC = 4.5,
        SummerTmaxMeanC = 31,
        SummerTmaxSdC = 3,
        InterannualSdC = interannualSd,
    };

    public static Site Site(string id = "site-a", double lat = 39.8, double lon = 116.5) => new()
    {
        Id = id,
        Name = id,
        Operator = "test",
        Tenure = "owned",
        Latitude = lat,
        Longitude = lon,
        Grid = "grid",
        BaseGridFactorTPerMwh = 0.6,
        PueJurisdiction = "none",
        Cooling = Chiller,
        ItLoadMw = 3,
        LoadGrowth = 0,
        ReportedPue = 1.36,
        ReportingYear = 2023,
        PueTarget = 1.3,
        PlannedPueChange = YearCurve.Constant(0),
        WueLPerKwh = 0.2,
        AssetValueCny = 500e6,
        BiCnyPerDay = 3e6,
        Failover = 0.2,
        RenewableShare = YearCurve.Constant(0),
        Scope1T = 50,
        ElectricityPriceCnyPerMwh = 700,
        WaterPriceCnyPerM3 = 8,
        WaterStorageH = 24,
        LandAmplification = 1.4,
        Climate = Climate(),
        Heat = new HeatShortfall { TCritC = 60, ShortfallProbability = 0.15, ThrottleFraction = 0.25, ThrottleHours = 6 },
        Drought = new DroughtExposure { RestrictionDaysPerYear = 0, DryPuePenalty = 0.15 },
    };

    public static FloodExposure Flood(double protectionRp = 0, double floorHeight = 0) => new()
    {
        ReturnPeriodsY = [2, 5, 10, 25, 50, 100, 250, 500, 1000],
        DepthsM = [0, 0, 0.1, 0.35, 0.6, 0.9, 1.4, 1.9, 2.6],
        ProtectionRpY = protectionRp,
        FloorHeightM = floorHeight,
        Hardening = 0,
        VulnerabilityClass = "industrial",
    };

    public static Scenario Scenario(string id = "flat", string ssp = FlatSsp) => new()
    {
        Id = id,
        Name = id,
        Ssp = ssp,
        CarbonPriceCnyPerT = new YearCurve([(2023, 70), (2030, 200), (2050, 600)]),
        CarbonPriceSigma = 0,
        CarbonCoverage = new YearCurve([(2023, 0.1), (2050, 0.8)]),
        GridDeclineRate = 0.03,
        GridSigma = 0,
        ElectricityEscalation = new YearCurve([(2023, 1.0), (2050, 1.2)]),
        ElectricitySigma = 0,
        CarbonPassThrough = 0.2,
        RenewablePremiumCnyPerMwh = YearCurve.Constant(30),
    };

    /// <summary>JRC Asia industrial (Huizinga et al. 2017), as in DATA-SOURCES.md.</summary>
    public static DamageCurve Industrial { get; } = new()
    {
        Class = "industrial",
        Mean = new PiecewiseLinear([0, 0.5, 1, 1.5, 2, 3, 4, 5, 6], [0, .283, .482, .629, .717, .857, .909, .955, 1.0]),
        Sd = new PiecewiseLinear([0, 0.5, 1, 1.5, 2, 3, 4, 5, 6], [0, .243, .296, .301, .269, .234, .159, .079, 0]),
    };

    public static ModelInputs Inputs(IReadOnlyList<Site> sites, IReadOnlyList<Scenario>? scenarios = null, IReadOnlyList<PueRule>? rules = null)
    {
        var flat = new WarmingPathway { Ssp = FlatSsp, MedianC = YearCurve.Constant(1.2), Q05C = YearCurve.Constant(1.2), Q95C = YearCurve.Constant(1.2) };
        var warm = new WarmingPathway
        {
            Ssp = "WARM",
            MedianC = new YearCurve([(2023, 1.2), (2050, 2.4)]),
            Q05C = new YearCurve([(2023, 1.1), (2050, 1.9)]),
            Q95C = new YearCurve([(2023, 1.3), (2050, 3.0)]),
        };
        var hot = warm with
        {
            Ssp = "HOT",
            MedianC = new YearCurve([(2023, 1.2), (2050, 3.4)]),
            Q05C = new YearCurve([(2023, 1.1), (2050, 2.9)]),
            Q95C = new YearCurve([(2023, 1.3), (2050, 4.0)]),
        };
        var sea = new SeaLevelPathway { Ssp = FlatSsp, MedianM = YearCurve.Constant(0.07), LikelyLowM = YearCurve.Constant(0.07), LikelyHighM = YearCurve.Constant(0.07) };
        var rising = new SeaLevelPathway { Ssp = "WARM", MedianM = new YearCurve([(2023, 0.07), (2050, 0.2)]), LikelyLowM = new YearCurve([(2023, 0.06), (2050, 0.17)]), LikelyHighM = new YearCurve([(2023, 0.08), (2050, 0.26)]) };
        return new ModelInputs
        {
            Sites = sites,
            Scenarios = scenarios ?? [Scenario()],
            Warming = new Dictionary<string, WarmingPathway> { [FlatSsp] = flat, ["WARM"] = warm, ["HOT"] = hot },
            SeaLevel = new Dictionary<string, SeaLevelPathway> { [FlatSsp] = sea, ["WARM"] = rising, ["HOT"] = rising with { Ssp = "HOT" } },
            HeavyPrecipitationMultiplier = new PiecewiseLinear([0, 1, 1.5, 2, 4], [1, 1.3, 1.5, 1.7, 2.7], extrapolateRight: true),
            DamageCurves = new Dictionary<string, DamageCurve> { ["industrial"] = Industrial },
            PueRules = new Dictionary<string, IReadOnlyList<PueRule>> { ["none"] = rules ?? [] },
            Thresholds = [],
        };
    }
}
