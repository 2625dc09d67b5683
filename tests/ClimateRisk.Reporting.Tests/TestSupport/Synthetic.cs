using ClimateRisk.Core.Model;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Statistics;
using ClimateRisk.IO;

namespace ClimateRisk.Reporting.Tests.TestSupport;

/// <summary>
/// A report's data made up in code: two sites, two scenarios, 2025–2050, statistics from simple
/// formulas with many decimals. Independent of the simulator and of the bundled data files, so
/// the snapshots change only when the report's writers change.
/// </summary>
public static class Synthetic
{
    public static ReportData Data()
    {
        var settings = new SimulationSettings { Paths = 1000, Seed = 7, FirstYear = 2025, LastYear = 2050, Workers = 1 };
        string[] scenarios = ["calm", "stormy"];
        string[] sites = ["alpha-dc", "beta-dc"];
        string[] entities = [.. sites, SimulationResult.PortfolioId];
        var cells = new List<CellResult>();
        var npv = new List<NpvResult>();
        var exceedance = new List<ExceedancePoint>();
        for (var k = 0; k < scenarios.Length; k++)
        {
            for (var e = 0; e < entities.Length; e++)
            {
                for (var year = settings.FirstYear; year <= settings.LastYear; year++)
                {
                    foreach (var metric in MetricNames.All)
                    {
                        cells.Add(new CellResult(scenarios[k], entities[e], year, metric, Stats(Base(metric, k, e, year), Probability(metric, k, e, year))));
                    }
                }

                npv.Add(new NpvResult(scenarios[k], entities[e], Stats(2.3456789e8 * (k + 1) * (e + 1), double.NaN)));
            }

            foreach (var year in settings.Horizons)
            {
                for (var e = 0; e < entities.Length; e++)
                {
                    foreach (var curve in new[] { "AEP", "OEP" })
                    {
                        foreach (var r in settings.ReturnPeriodsY)
                        {
                            var loss = r < 10 ? 0 : 1.234567e6 * Math.Log(r / 9) * (k + 1) * (e + 1) * (curve == "AEP" ? 1 : 0.8) * (1 + ((year - 2030) * 0.01));
                            exceedance.Add(new ExceedancePoint(scenarios[k], entities[e], year, curve, r, loss));
                        }
                    }
                }
            }
        }

        var result = new SimulationResult { Settings = settings, ScenarioIds = scenarios, SiteIds = sites, Cells = cells, Npv = npv, Exceedance = exceedance };
        var manifest = new RunManifest
        {
            Tool = "climaterisk 0.0.0-test",
            CommandLine = ["run", "--paths", "1000", "--seed", "7"],
            Seed = 7,
            Paths = 1000,
            FirstYear = 2025,
            LastYear = 2050,
            Workers = 1,
            Scenarios = scenarios,
            Sites = sites,
            InputSha256 = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["data/sites.csv"] = new string('a', 64), ["scenarios/calm.yaml"] = new string('b', 64) },
            Outputs = ["manifest.json", "results/site_year.csv"],
            StartedUtc = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero),
            FinishedUtc = new DateTimeOffset(2026, 3, 4, 5, 6, 19, 500, TimeSpan.Zero),
        };
        var sources = new ReportSources
        {
            Controls =
            [
                new DisclosedControl { Operator = "Operator A", SiteId = string.Empty, Risk = "flood", Quote = "建立極端天氣應急操作流程", English = "Extreme-weather emergency procedures, with drills.", Source = "seed:kingsoft l.1092" },
                new DisclosedControl { Operator = "Operator A", SiteId = "alpha-dc", Risk = "chronic_heat_pue", Quote = "年均PUE不高於1.355", English = "Annual PUE at most 1.355.", Source = "seed:kingsoft l.1262" },
                new DisclosedControl { Operator = "Operator B", SiteId = string.Empty, Risk = "carbon_price", Quote = "到2030年實現100%可再生能源使用", English = "100 % renewable electricity by 2030.", Source = "seed:kuaishou l.256" },
            ],
            ControlsFile = "data/register/controls.csv",
            Scenarios =
            [
                new ScenarioNotes { Id = "calm", Name = "Calm transition", Description = "An orderly transition. Carbon prices rise steadily.", Sources = [new("carbon_price", "Assumption: 100 CNY/t by 2030, 0.5 decimals.")], File = "scenarios/calm.yaml" },
                new ScenarioNotes { Id = "stormy", Name = "Stormy physical stress test with a long name", Description = "High warming. Little policy.", Sources = [new("physical", "AR6 SSP5-8.5.")], File = "scenarios/stormy.yaml" },
            ],
            DataSources = [new DataSourceNote("data/sites.csv", 2, "alpha-dc Alpha", "assumption: made up for the test, 1.5 m deep"), new DataSourceNote("data/sites.csv", 3, "beta-dc Beta", "seed:kuaishou l.320")],
        };
        return ReportData.Create(result, manifest, Inputs(), sources);
    }

    private static double Base(Metric metric, int k, int e, int year)
    {
        var t = year - 2025;
        return metric switch
        {
            Metric.Pue => 1.3617 - (0.0021 * t) + (0.0013 * t * k) - (0.031 * e),
            Metric.PueDrift => 0.00123 * t * (k + 1),
            Metric.PueLimitBreach => 0.1 * k,
            Metric.Scope2MarketT or Metric.Scope2LocationT => 12345.678 * (e + 1) * Math.Pow(0.96, t),
            Metric.FacilityEnergyMwh or Metric.WaterM3 => 98765.4321 * (e + 1),
            _ => 123456.789 * ((int)metric + 1) * (1 + (0.05 * t)) * (k + 1) * (e + 1),
        };
    }

    private static double Probability(Metric metric, int k, int e, int year)
        => metric == Metric.Pue ? (year >= 2026 && e == 0 ? Math.Min(1, 0.013 * (year - 2025) * (k + 1)) : double.NaN)
            : metric is Metric.FacilityEnergyMwh or Metric.WaterM3 or Metric.Scope2MarketT or Metric.Scope2LocationT or Metric.PueDrift ? double.NaN
            : Math.Min(1, 0.0037 * ((int)metric % 5) * (k + 1) * (1 + ((year - 2025) / 10.0)) * (e == 2 ? 0.5 : 1));

    private static CellStatistics Stats(double b, double pExceed) => new()
    {
        Count = 1000,
        Mean = b * 1.0512345,
        StandardError = b * 0.3 / Math.Sqrt(1000),
        StandardDeviation = b * 0.3,
        P5 = b * 0.55,
        P25 = b * 0.81,
        P50 = b,
        P75 = b * 1.19,
        P95 = b * 1.61,
        P99 = b * 2.03,
        TVaR99 = b * 2.31,
        PExceed = pExceed,
    };

    private static ModelInputs Inputs()
    {
        Site SiteOf(string id, string name, string op, string jurisdiction, bool flood) => new()
        {
            Id = id,
            Name = name,
            Operator = op,
            Tenure = "owned",
            Latitude = 39.79,
            Longitude = 116.51,
            Grid = "north_china",
            BaseGridFactorTPerMwh = 0.5703,
            PueJurisdiction = jurisdiction,
            Cooling = new CoolingType { Id = "chiller_water_economizer", BetaPuePerC = 0.01, KneeC = 12, WidthC = 3, TCritC = 40 },
            ItLoadMw = 3.4,
            LoadGrowth = 0.01,
            ReportedPue = 1.362,
            ReportingYear = 2023,
            PueTarget = 1.355,
            PlannedPueChange = new YearCurve([(2023, 0), (2030, -0.02), (2050, -0.04)]),
            WueLPerKwh = 1.98,
            AssetValueCny = 4.75e8,
            BiCnyPerDay = 3.53e6,
            Failover = 0.4,
            RenewableShare = new YearCurve([(2023, 0.05), (2030, 0.3), (2050, 1)]),
            Scope1T = 53.43,
            ElectricityPriceCnyPerMwh = 750,
            WaterPriceCnyPerM3 = 9.5,
            WaterStorageH = 12,
            LandAmplification = 1.4,
            Climate = new SiteClimate { MonthlyMeanC = Enumerable.Repeat(12.5, 12).ToArray(), HourlySdC = 4, SummerTmaxMeanC = 31, SummerTmaxSdC = 3, InterannualSdC = 0.6 },
            Heat = new HeatShortfall { TCritC = 40, ShortfallProbability = 0.15, ThrottleFraction = 0.25, ThrottleHours = 6 },
            Drought = new DroughtExposure { RestrictionDaysPerYear = 1, DryPuePenalty = 0.15 },
            Flood = flood ? new FloodExposure { ReturnPeriodsY = [2, 1000], DepthsM = [0, 1.1], ProtectionRpY = 20, FloorHeightM = 0.45, Hardening = 0.3, VulnerabilityClass = "industrial" } : null,
        };

        MaterialityThreshold Threshold(Metric metric, string level) => new()
        {
            Metric = metric.Name(),
            Level = level,
            Materiality = level == "site" ? 5e6 : 5e7,
            ImpactBounds = level == "site" ? [5e6, 2e7, 7e7, 3.5e8] : [5e7, 2e8, 7e8, 3.5e9],
        };

        YearCurve Flat(double v) => YearCurve.Constant(v);
        return new ModelInputs
        {
            Sites = [SiteOf("alpha-dc", "Alpha data centre (Beijing-like)", "Operator A", "limit-a", flood: true), SiteOf("beta-dc", "Beta data centre", "Operator B", "limit-b", flood: false)],
            Scenarios =
            [
                new Scenario { Id = "calm", Name = "Calm transition", Ssp = "SSP1-2.6", CarbonPriceCnyPerT = Flat(100), CarbonCoverage = Flat(0.5), GridDeclineRate = 0.05, ElectricityEscalation = Flat(1), RenewablePremiumCnyPerMwh = Flat(30) },
                new Scenario { Id = "stormy", Name = "Stormy physical stress test with a long name", Ssp = "SSP5-8.5", CarbonPriceCnyPerT = Flat(50), CarbonCoverage = Flat(0), GridDeclineRate = 0.01, ElectricityEscalation = Flat(1), RenewablePremiumCnyPerMwh = Flat(30) },
            ],
            Warming = new Dictionary<string, WarmingPathway>(),
            SeaLevel = new Dictionary<string, SeaLevelPathway>(),
            HeavyPrecipitationMultiplier = new PiecewiseLinear([0, 4], [1, 2]),
            DamageCurves = new Dictionary<string, DamageCurve>(),
            PueRules = new Dictionary<string, IReadOnlyList<PueRule>>
            {
                ["limit-a"] = [new PueRule { Jurisdiction = "limit-a", FromYear = 2026, LimitPue = 1.35, SurchargeCnyPerKwh = 0.2, Tier2ExcessFraction = 1, Tier2SurchargeCnyPerKwh = 0.5 }],
                ["limit-b"] = [new PueRule { Jurisdiction = "limit-b", FromYear = 2025, LimitPue = 1.5, SurchargeCnyPerKwh = 0, Tier2ExcessFraction = 1, Tier2SurchargeCnyPerKwh = 0 }, new PueRule { Jurisdiction = "limit-b", FromYear = 2030, LimitPue = 1.3, SurchargeCnyPerKwh = 0, Tier2ExcessFraction = 1, Tier2SurchargeCnyPerKwh = 0 }],
            },
            Thresholds = MetricNames.All.Where(m => m.Name().EndsWith("_cny", StringComparison.Ordinal)).SelectMany(m => new[] { Threshold(m, "site"), Threshold(m, "portfolio") }).ToArray(),
        };
    }
}
