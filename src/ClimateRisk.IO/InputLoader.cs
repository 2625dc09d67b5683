using ClimateRisk.Core.Model;
using ClimateRisk.IO.Internal;

namespace ClimateRisk.IO;

/// <summary>
/// Reads and checks every input file of a run (docs/data.md) into <see cref="ModelInputs"/>.
/// All problems of all files are collected and thrown together in one
/// <see cref="InputException"/>; nothing is simulated from a partly valid input.
/// </summary>
public static class InputLoader
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    private static readonly double[] FloodReturnPeriods = [2, 5, 10, 25, 50, 100, 250, 500, 1000];

    /// <summary>Loads the inputs named by <paramref name="paths"/>.</summary>
    /// <exception cref="InputException">With every problem found.</exception>
    public static ModelInputs Load(InputPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var errors = new List<InputError>();
        string Data(string relative) => Path.Combine(paths.DataDirectory, relative);

        var cooling = ReadCooling(Data("cooling_types.csv"), errors);
        var warming = ReadWarming(Data("climate/gsat.csv"), errors);
        var seaLevel = ReadSeaLevel(Data("climate/slr.csv"), errors);
        var precipitation = ReadMultipliers(Data("climate/extreme_multipliers.csv"), errors);
        var damage = ReadDamageCurves(Data("vulnerability/jrc_flood.csv"), errors);
        var grids = ReadGridFactors(Data("transition/grid_factors.csv"), errors);
        var rules = ReadPueRules(Data("transition/pue_rules.csv"), errors);
        var pilots = ReadCarbonPilots(Data("transition/carbon_pilots.csv"), errors);
        var thresholds = ReadThresholds(Data("register/thresholds.csv"), errors);

        var siteLines = new Dictionary<string, int>(StringComparer.Ordinal);
        var before = errors.Count;
        var siteRows = ReadSites(paths.SitesFile, cooling, grids, rules, pilots, errors, siteLines);
        var siteIds = siteRows.Select(s => s.Id).ToHashSet();

        // A broken sites file would make every row of its broken sites look unknown: follow-on noise.
        var ids = KnownSites.Of(paths, siteIds, checkRows: errors.Skip(before).All(e => e.File != paths.SitesFile));
        var climate = PerSite(Data("climate/site_climate.csv"), ids, errors, required: true, ReadClimateRow, ["site_id", .. Months.Select(m => $"t_{m}_c"), "hourly_sd_c", "summer_tmax_mean_c", "summer_tmax_sd_c", "interannual_sd_c", "source"]);
        var heat = PerSite(Data("hazard/heat_shortfall.csv"), ids, errors, required: true, ReadHeatRow, ["site_id", "t_crit_c", "shortfall_prob", "throttle_fraction", "throttle_hours", "source"]);
        var drought = PerSite(Data("hazard/drought.csv"), ids, errors, required: true, ReadDroughtRow, ["site_id", "restriction_days_per_yr", "dry_pue_penalty", "source"]);
        var flood = PerSite(Data("hazard/flood_depth.csv"), ids, errors, required: false, (t, r) => ReadFloodRow(t, r, damage.Keys), ["site_id", "protection_rp_y", "floor_height_m", "hardening", "vulnerability_class", .. FloodReturnPeriods.Select(r => $"d_{r}_m"), "source"]);
        var surge = PerSite(Data("hazard/surge_gev.csv"), ids, errors, required: false, ReadSurgeRow, ["site_id", "gev_mu_m", "gev_sigma_m", "gev_xi", "ground_elevation_m", "defence_crest_m", "subsidence_m_per_yr", "source"]);
        var wind = PerSite(Data("hazard/wind_gumbel.csv"), ids, errors, required: false, ReadWindRow, ["site_id", "gumbel_mu_ms", "gumbel_beta_ms", "v_half_ms", "v_bi_ms", "bi_hours", "source"]);

        // Optional (MODEL §15): without them every site is uninsured (net = gross) and has no baseline.
        var insurance = File.Exists(Data(InputPaths.InsuranceTable))
            ? PerSite(Data(InputPaths.InsuranceTable), ids, errors, required: false, ReadInsuranceRow, InsuranceColumns)
            : [];
        var baselines = File.Exists(Data(InputPaths.BaselinesTable))
            ? PerSite(Data(InputPaths.BaselinesTable), ids, errors, required: false, ReadBaselineRow, ["site_id", "revenue_cny", "ebitda_margin", "source"])
            : [];

        var scenarios = new List<Scenario>();
        var ssps = warming.Keys.Intersect(seaLevel.Keys).ToArray();
        foreach (var file in paths.ScenarioFiles)
        {
            var scenario = ScenarioLoader.Load(file, ssps, errors, grids.Keys);
            if (scenario is null)
            {
                continue;
            }

            if (scenarios.Any(s => s.Id == scenario.Id))
            {
                errors.Add(new InputError(file, 0, "id", scenario.Id, "a scenario id not used by another scenario file of the run"));
            }

            scenarios.Add(scenario);
        }

        if (paths.ScenarioFiles.Count == 0)
        {
            errors.Add(new InputError("scenarios", 0, string.Empty, "(none)", "at least one scenario file"));
        }

        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }

        var sites = siteRows.Select(s => s with
        {
            Climate = climate[s.Id],
            Heat = heat[s.Id],
            Drought = drought[s.Id],
            Flood = flood.GetValueOrDefault(s.Id),
            Surge = surge.GetValueOrDefault(s.Id),
            Wind = wind.GetValueOrDefault(s.Id),
        }).ToArray();

        CheckAcrossFiles(paths, sites, siteLines, damage, errors);
        if (errors.Count > 0)
        {
            throw new InputException(errors);
        }

        var model = new ModelInputs
        {
            Sites = sites,
            Scenarios = scenarios,
            Warming = warming,
            SeaLevel = seaLevel,
            HeavyPrecipitationMultiplier = precipitation!,
            DamageCurves = damage,
            PueRules = rules,
            CarbonPilots = pilots,
            Thresholds = thresholds,
            CoolingTypes = cooling,
            Finance = new Core.Finance.FinanceTerms
            {
                // The premium is given as a rate on the property sum insured, the site's asset value.
                Insurance = insurance.ToDictionary(p => p.Key, p => p.Value.Terms with { PremiumCny = p.Value.PremiumRate * sites.First(s => s.Id == p.Key).AssetValueCny }),
                Baselines = baselines,
            },
        };

        // A learned PUE response replaces the default curve of the sites in it (MODEL §4).
        return paths.PueResponseFile is { } response ? PueResponseLoader.Apply(model, response, ids) : model;
    }

    private static readonly string[] InsuranceColumns =
    [
        "site_id", "property_deductible_cny", "property_aggregate_limit_cny", "coinsurance", "bi_waiting_days", "bi_limit_cny",
        "premium_rate", "premium_loading", "premium_lag_y", "source",
    ];

    private static (Core.Finance.InsuranceTerms Terms, double PremiumRate) ReadInsuranceRow(CsvTable t, CsvRow row) => (new()
    {
        PropertyDeductibleCny = t.Number(row, "property_deductible_cny", 0, 1e12),
        PropertyAggregateLimitCny = t.Number(row, "property_aggregate_limit_cny", 0, 1e13),
        Coinsurance = t.Number(row, "coinsurance", 0, 1),
        BiWaitingDays = t.Number(row, "bi_waiting_days", 0, 365),
        BiLimitCny = t.Number(row, "bi_limit_cny", 0, 1e13),
        PremiumCny = 0,
        PremiumLoading = t.Number(row, "premium_loading", 0, 10),
        PremiumLagYears = t.Integer(row, "premium_lag_y", 0, 10),
    }, t.Number(row, "premium_rate", 0, 0.2));

    private static Core.Finance.SiteBaseline ReadBaselineRow(CsvTable t, CsvRow row) => new()
    {
        RevenueCny = t.Number(row, "revenue_cny", 1, 1e13),
        EbitdaMargin = t.Number(row, "ebitda_margin", 0.001, 1),
    };

    /// <summary>
    /// Checks that need several files, each valid on its own: they run once every file has
    /// passed its own checks, so that a broken table does not produce follow-on noise here.
    /// </summary>
    private static void CheckAcrossFiles(InputPaths paths, Site[] sites, Dictionary<string, int> siteLines, Dictionary<string, DamageCurve> damage, List<InputError> errors)
    {
        foreach (var site in sites)
        {
            // PUE ≥ 1 on every path: the kernel's PUE is A_s(shift) + planned change, A_s rises
            // with the shift and is clamped at the coolest tabulated one, and the planned change
            // is linear between 0, its 2030 and its 2050 value.
            var lowest = Core.Climate.PueCurve.LowestAnnual(site.Cooling, site.Climate, site.ReportedPue)
                + Math.Min(0, Math.Min(site.PlannedPueChange.At(2030), site.PlannedPueChange.At(2050)));
            if (lowest < 1)
            {
                errors.Add(new InputError(paths.SitesFile, siteLines[site.Id], "reported_pue", CsvText.RoundTrip(site.ReportedPue),
                    string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"a PUE that keeps the annual PUE ≥ 1: with cooling type {site.Cooling.Id}, this climate and the planned change, a cool year would give PUE {lowest:0.000}")));
            }

            // A coastal site without a flood row is damaged along the industrial curve (MODEL §7).
            if (site.Surge is not null && site.Flood is null && !damage.ContainsKey("industrial"))
            {
                errors.Add(new InputError(Path.Combine(paths.DataDirectory, "vulnerability/jrc_flood.csv"), 0, "class", "(no industrial rows)",
                    $"rows for class industrial: coastal site {site.Id} has no row in flood_depth.csv and so uses the industrial curve"));
            }
        }
    }

    private static Dictionary<string, CoolingType> ReadCooling(string path, List<InputError> errors)
    {
        var table = CsvTable.Read(path, ["cooling_type", "beta_pue_per_c", "knee_c", "width_c", "t_crit_c", "source"]);
        var result = new Dictionary<string, CoolingType>();
        foreach (var row in table.Rows)
        {
            var id = UniqueKey(table, row, "cooling_type", result.Keys);
            var type = new CoolingType
            {
                Id = id,
                BetaPuePerC = table.Number(row, "beta_pue_per_c", 0, 1),
                KneeC = table.Number(row, "knee_c", -40, 60),
                WidthC = table.Number(row, "width_c", 0.05, 30),
                TCritC = table.Number(row, "t_crit_c", 20, 70),
            };
            RequireSource(table, row);
            result[id] = type;
        }

        errors.AddRange(table.Errors);
        return result;
    }

    private static Dictionary<string, WarmingPathway> ReadWarming(string path, List<InputError> errors)
        => ReadBands(path, ["median_c", "q05_c", "q95_c"], errors, (ssp, median, low, high) => new WarmingPathway { Ssp = ssp, MedianC = median, Q05C = low, Q95C = high });

    private static Dictionary<string, SeaLevelPathway> ReadSeaLevel(string path, List<InputError> errors)
        => ReadBands(path, ["median_m", "likely_lo_m", "likely_hi_m"], errors, (ssp, median, low, high) => new SeaLevelPathway { Ssp = ssp, MedianM = median, LikelyLowM = low, LikelyHighM = high });

    /// <summary>A per-SSP table of a central value and a low–high band by year (gsat.csv, slr.csv).</summary>
    private static Dictionary<string, T> ReadBands<T>(string path, string[] columns, List<InputError> errors, Func<string, YearCurve, YearCurve, YearCurve, T> build)
    {
        var table = CsvTable.Read(path, ["ssp", "year", .. columns, "source"]);
        var result = new Dictionary<string, T>();
        foreach (var group in GroupByKey(table, "ssp"))
        {
            var points = YearRows(table, group, columns);
            foreach (var (row, _, v) in points)
            {
                if (!(v[1] <= v[0] && v[0] <= v[2]))
                {
                    table.Error(row.Line, columns[0], CsvText.RoundTrip(v[0]), $"{columns[1]} ≤ {columns[0]} ≤ {columns[2]}");
                }
            }

            if (points.Count > 0)
            {
                YearCurve Curve(int i) => new(points.Select(p => (p.Year, p.Values[i])).ToArray());
                result[group.Key] = build(group.Key, Curve(0), Curve(1), Curve(2));
            }
        }

        errors.AddRange(table.Errors);
        return result;
    }

    private static PiecewiseLinear? ReadMultipliers(string path, List<InputError> errors)
    {
        var table = CsvTable.Read(path, ["warming_c", "heavy_precip_10y", "hot_extreme_10y", "source"]);
        var x = new List<double>();
        var y = new List<double>();
        foreach (var row in table.Rows)
        {
            var warming = table.Number(row, "warming_c", 0, 10);
            var multiplier = table.Number(row, "heavy_precip_10y", 0.01, 100);
            table.Number(row, "hot_extreme_10y", 0.01, 1000);
            RequireSource(table, row);
            if (double.IsNaN(warming) || double.IsNaN(multiplier))
            {
                continue; // already reported; comparing with it would only add noise
            }

            if (x.Count > 0 && !(warming > x[^1]))
            {
                table.Error(row.Line, "warming_c", CsvText.RoundTrip(warming), $"rows in increasing order of warming (previous row: {CsvText.RoundTrip(x[^1])})");
            }
            else if (y.Count > 0 && multiplier < y[^1])
            {
                table.Error(row.Line, "heavy_precip_10y", CsvText.RoundTrip(multiplier), $"a multiplier that does not fall with warming (previous row: {CsvText.RoundTrip(y[^1])})");
            }

            x.Add(warming);
            y.Add(multiplier);
        }

        errors.AddRange(table.Errors);
        return table.Errors.Count == 0 && x.Count > 0 ? new PiecewiseLinear(x, y, extrapolateRight: true) : null;
    }

    private static Dictionary<string, DamageCurve> ReadDamageCurves(string path, List<InputError> errors)
    {
        var table = CsvTable.Read(path, ["class", "depth_m", "mean", "sd", "source"]);
        var result = new Dictionary<string, DamageCurve>();
        foreach (var group in GroupByKey(table, "class"))
        {
            var depth = new List<double>();
            var mean = new List<double>();
            var sd = new List<double>();
            var broken = false;
            foreach (var row in group)
            {
                var d = table.Number(row, "depth_m", 0, 100);
                var m = table.Number(row, "mean", 0, 1);
                var s = table.Number(row, "sd", 0, 0.5);
                RequireSource(table, row);
                if (double.IsNaN(d))
                {
                    broken = true; // already reported; comparing with it would only add noise
                    continue;
                }

                if (depth.Count > 0 && !(d > depth[^1]))
                {
                    table.Error(row.Line, "depth_m", CsvText.RoundTrip(d), $"depths increasing within class {group.Key} (previous: {CsvText.RoundTrip(depth[^1])})");
                    continue;
                }

                if (mean.Count > 0 && m < mean[^1] && !double.IsNaN(mean[^1]))
                {
                    table.Error(row.Line, "mean", CsvText.RoundTrip(m), $"a damage ratio that does not fall with depth (previous: {CsvText.RoundTrip(mean[^1])})");
                }

                depth.Add(d);
                mean.Add(m);
                sd.Add(s);
            }

            if (depth.Count > 0 && !broken)
            {
                result[group.Key] = new DamageCurve { Class = group.Key, Mean = new PiecewiseLinear(depth, mean), Sd = new PiecewiseLinear(depth, sd) };
            }
        }

        errors.AddRange(table.Errors);
        return result;
    }

    private static Dictionary<string, double> ReadGridFactors(string path, List<InputError> errors)
    {
        var table = CsvTable.Read(path, ["grid", "year", "ef_t_per_mwh", "source"]);
        var latest = new Dictionary<string, (int Year, double Ef)>();
        var firstRow = new Dictionary<string, (int Line, string Year)>();
        var seen = new HashSet<(string, int)>();
        const int BaseYear = Core.Simulation.SimulationSettings.BaseYear;
        foreach (var row in table.Rows)
        {
            var grid = table.Required(row, "grid");
            var year = table.Integer(row, "year", 2000, 2100);
            var ef = table.Number(row, "ef_t_per_mwh", 0, 2);
            RequireSource(table, row);
            firstRow.TryAdd(grid, (row.Line, table.Text(row, "year")));
            if (grid.Length > 0 && year != 0 && !seen.Add((grid, year)))
            {
                table.Error(row.Line, "year", table.Text(row, "year"), $"one row per grid and year ({grid} already has a row for this year)");
            }

            // Rows after the base year (projections) are allowed and not used: t0 takes the latest year ≤ 2023.
            if (year <= BaseYear && (!latest.TryGetValue(grid, out var current) || year > current.Year))
            {
                latest[grid] = (year, ef);
            }
        }

        foreach (var (grid, first) in firstRow.Where(g => g.Key.Length > 0 && !latest.ContainsKey(g.Key)))
        {
            table.Error(first.Line, "year", first.Year, $"a year ≤ {BaseYear} (the base year) in at least one row for grid {grid}");
        }

        errors.AddRange(table.Errors);
        return latest.ToDictionary(p => p.Key, p => p.Value.Ef);
    }

    private static Dictionary<string, IReadOnlyList<PueRule>> ReadPueRules(string path, List<InputError> errors)
    {
        var table = CsvTable.Read(path, ["jurisdiction", "from_year", "limit_pue", "surcharge_cny_per_kwh", "tier2_excess_fraction", "tier2_surcharge_cny_per_kwh", "basis", "source"]);
        var result = new Dictionary<string, IReadOnlyList<PueRule>>();
        foreach (var group in GroupByKey(table, "jurisdiction"))
        {
            var list = new List<PueRule>();
            foreach (var row in group)
            {
                var rule = new PueRule
                {
                    Jurisdiction = group.Key,
                    FromYear = table.Integer(row, "from_year", 2000, 2100),
                    LimitPue = table.Number(row, "limit_pue", 1, 5, "a PUE limit from 1 to 5"),
                    SurchargeCnyPerKwh = table.Number(row, "surcharge_cny_per_kwh", 0, 10),
                    Tier2ExcessFraction = table.Number(row, "tier2_excess_fraction", 0, 10),
                    Tier2SurchargeCnyPerKwh = table.Number(row, "tier2_surcharge_cny_per_kwh", 0, 10),
                    IsAssumed = table.Key(row, "basis", Bases, "basis (published: the limit is a published rule; assumed: our assumption where none is published)") == "assumed",
                    Source = table.Text(row, "source"),
                };
                RequireSource(table, row);
                if (list.Count > 0 && rule.FromYear <= list[^1].FromYear)
                {
                    table.Error(row.Line, "from_year", CsvText.Integer(rule.FromYear), $"years increasing within jurisdiction {group.Key} (previous: {list[^1].FromYear})");
                }

                list.Add(rule);
            }

            result[group.Key] = list;
        }

        errors.AddRange(table.Errors);
        return result;
    }

    private static readonly string[] Bases = ["published", "assumed"];

    /// <summary>
    /// carbon_pilots.csv: per jurisdiction, the pilot price and the priced share by year (linear
    /// between rows, flat outside) and one inclusion threshold. An empty table (header only) means
    /// no pilot applies.
    /// </summary>
    private static Dictionary<string, CarbonPilot> ReadCarbonPilots(string path, List<InputError> errors)
    {
        var table = CsvTable.Read(path, ["jurisdiction", "year", "price_cny_per_t", "coverage", "threshold_t", "source"], allowEmpty: true);
        var result = new Dictionary<string, CarbonPilot>(StringComparer.Ordinal);
        foreach (var group in GroupByKey(table, "jurisdiction"))
        {
            if (!Slug.IsValidOrEmpty(group.Key))
            {
                table.Error(group.First().Line, "jurisdiction", group.Key, Slug.Expected);
                continue;
            }

            var price = new List<(int, double)>();
            var coverage = new List<(int, double)>();
            double? threshold = null;
            var ok = true;
            foreach (var row in group)
            {
                var year = table.Integer(row, "year", 2000, 2100);
                var p = table.Number(row, "price_cny_per_t", 0, 1e5);
                var c = table.Number(row, "coverage", 0, 1, "a share of the site's emissions from 0 to 1");
                var t = table.Number(row, "threshold_t", 0, 1e9, "an inclusion threshold in tCO2/yr from 0 to 1e9");
                RequireSource(table, row);
                if (price.Count > 0 && year <= price[^1].Item1)
                {
                    table.Error(row.Line, "year", CsvText.Integer(year), $"years increasing within jurisdiction {group.Key} (previous: {price[^1].Item1})");
                    ok = false;
                    continue;
                }

                if (threshold is { } first && !double.IsNaN(t) && t != first)
                {
                    table.Error(row.Line, "threshold_t", CsvText.RoundTrip(t), $"the same threshold in every row of jurisdiction {group.Key} ({CsvText.RoundTrip(first)} above)");
                    ok = false;
                }

                threshold ??= double.IsNaN(t) ? null : t;
                ok &= year != 0 && !double.IsNaN(p) && !double.IsNaN(c) && !double.IsNaN(t);
                price.Add((year, p));
                coverage.Add((year, c));
            }

            if (ok && threshold is { } limit)
            {
                result[group.Key] = new CarbonPilot
                {
                    Jurisdiction = group.Key,
                    PriceCnyPerT = new YearCurve(price),
                    Coverage = new YearCurve(coverage),
                    ThresholdT = limit,
                    Source = table.Text(group.First(), "source"),
                };
            }
        }

        errors.AddRange(table.Errors);
        return result;
    }

    /// <summary>The key a province name matches in carbon_pilots.csv: lower case, runs of other characters as one '_' ("Inner Mongolia" → inner_mongolia).</summary>
    internal static string ProvinceKey(string province)
    {
        var builder = new System.Text.StringBuilder(province.Length);
        foreach (var ch in province.Trim().ToLowerInvariant())
        {
            if (ch is (>= 'a' and <= 'z') or (>= '0' and <= '9'))
            {
                builder.Append(ch);
            }
            else if (builder.Length > 0 && builder[^1] != '_')
            {
                builder.Append('_');
            }
        }

        return builder.ToString().TrimEnd('_');
    }

    private static List<MaterialityThreshold> ReadThresholds(string path, List<InputError> errors)
    {
        var table = CsvTable.Read(path, ["metric", "level", "materiality", "impact2", "impact3", "impact4", "impact5", "unit", "source"]);
        var result = new List<MaterialityThreshold>();
        var metricNames = Core.Simulation.MetricNames.All.Select(m => Core.Simulation.MetricNames.Name(m)).ToArray();
        foreach (var row in table.Rows)
        {
            var metric = table.Key(row, "metric", metricNames, "metric");
            var level = table.Key(row, "level", ["site", "portfolio"], "level");
            var materiality = table.Number(row, "materiality", 0);
            double[] bounds = [table.Number(row, "impact2", 0), table.Number(row, "impact3", 0), table.Number(row, "impact4", 0), table.Number(row, "impact5", 0)];
            RequireSource(table, row);
            for (var i = 1; i < bounds.Length; i++)
            {
                if (bounds[i] < bounds[i - 1])
                {
                    table.Error(row.Line, $"impact{i + 2}", CsvText.RoundTrip(bounds[i]), $"impact bounds non-decreasing (impact{i + 1} = {CsvText.RoundTrip(bounds[i - 1])})");
                }
            }

            if (result.Any(t => t.Metric == metric && t.Level == level))
            {
                table.Error(row.Line, "metric", metric, $"one row per metric and level ({level} already given)");
            }

            result.Add(new MaterialityThreshold { Metric = metric, Level = level, Materiality = materiality, ImpactBounds = bounds });
        }

        errors.AddRange(table.Errors);
        return result;
    }

    private static List<Site> ReadSites(
        string path,
        Dictionary<string, CoolingType> cooling,
        Dictionary<string, double> grids,
        Dictionary<string, IReadOnlyList<PueRule>> rules,
        Dictionary<string, CarbonPilot> pilots,
        List<InputError> errors,
        Dictionary<string, int> lines)
    {
        string[] columns =
        [
            "site_id", "name", "operator", "tenure", "city", "province", "lat", "lon", "grid", "pue_jurisdiction",
            "cooling_type", "it_load_mw", "load_growth", "reported_pue", "reporting_year", "pue_target",
            "planned_pue_change_2030", "planned_pue_change_2050", "wue_l_per_kwh", "asset_value_cny", "bi_cny_per_day",
            "failover", "renewable_share_2023", "renewable_share_2030", "renewable_share_2050", "scope1_t",
            "electricity_price_cny_per_mwh", "water_price_cny_per_m3", "water_storage_h", "land_amplification", "source",
        ];
        var table = CsvTable.Read(path, columns);
        var sites = new List<Site>();
        foreach (var row in table.Rows)
        {
            var id = UniqueKey(table, row, "site_id", lines.Keys);
            lines.TryAdd(id, row.Line);
            if (id == Core.Simulation.SimulationResult.PortfolioId)
            {
                table.Error(row.Line, "site_id", id, $"a site id other than '{id}', which names the portfolio in the results");
            }

            var coolingKey = table.Key(row, "cooling_type", cooling.Keys, "cooling type of cooling_types.csv");
            var gridKey = table.Key(row, "grid", grids.Keys, "grid of grid_factors.csv");
            var jurisdiction = table.Key(row, "pue_jurisdiction", rules.Keys, "jurisdiction of pue_rules.csv");
            var tenure = table.Key(row, "tenure", ["owned", "leased"], "tenure");
            var reportingYear = table.Integer(row, "reporting_year", 2000, Core.Simulation.SimulationSettings.BaseYear);
            var province = ProvinceKey(table.Text(row, "province"));
            var site = new Site
            {
                Id = id,
                Name = table.Required(row, "name"),
                Operator = table.Required(row, "operator"),
                Tenure = tenure,
                Latitude = table.Number(row, "lat", -90, 90),
                Longitude = table.Number(row, "lon", -180, 180),
                Grid = gridKey,
                BaseGridFactorTPerMwh = grids.GetValueOrDefault(gridKey, double.NaN),
                PueJurisdiction = jurisdiction,
                CarbonPilot = pilots.ContainsKey(province) ? province : null,
                Cooling = cooling.GetValueOrDefault(coolingKey) ?? Placeholder,
                ItLoadMw = table.Number(row, "it_load_mw", 0, 10_000, "an IT load in MW, > 0"),
                LoadGrowth = table.Number(row, "load_growth", -0.5, 1),
                ReportedPue = table.Number(row, "reported_pue", 1, 5, "a PUE from 1 to 5"),
                ReportingYear = reportingYear,
                PueTarget = table.Number(row, "pue_target", 1, 5, "a PUE from 1 to 5"),
                PlannedPueChange = new YearCurve([(reportingYear, 0), (2030, table.Number(row, "planned_pue_change_2030", -2, 2)), (2050, table.Number(row, "planned_pue_change_2050", -2, 2))]),
                WueLPerKwh = table.Number(row, "wue_l_per_kwh", 0, 20),
                AssetValueCny = table.Number(row, "asset_value_cny", 0, MaxMoneyCny),
                BiCnyPerDay = table.Number(row, "bi_cny_per_day", 0, MaxMoneyCny),
                Failover = table.Number(row, "failover", 0, 1),
                RenewableShare = new YearCurve([(2023, table.Number(row, "renewable_share_2023", 0, 1)), (2030, table.Number(row, "renewable_share_2030", 0, 1)), (2050, table.Number(row, "renewable_share_2050", 0, 1))]),
                Scope1T = table.Number(row, "scope1_t", 0, 1e9),
                ElectricityPriceCnyPerMwh = table.Number(row, "electricity_price_cny_per_mwh", 0, 10_000),
                WaterPriceCnyPerM3 = table.Number(row, "water_price_cny_per_m3", 0, 1_000),
                WaterStorageH = table.Number(row, "water_storage_h", 0, 10_000),
                LandAmplification = table.Number(row, "land_amplification", 0, 5),
                Climate = null!,
                Heat = null!,
                Drought = null!,
            };
            if (site.ItLoadMw == 0)
            {
                table.Error(row.Line, "it_load_mw", "0", "an IT load in MW, > 0");
            }

            RequireSource(table, row);
            sites.Add(site);
        }

        errors.AddRange(table.Errors);
        return sites;
    }

    private static SiteClimate ReadClimateRow(CsvTable t, CsvRow row) => new()
    {
        MonthlyMeanC = Months.Select(m => t.Number(row, $"t_{m}_c", -60, 50)).ToArray(),
        HourlySdC = t.Number(row, "hourly_sd_c", 0.1, 20),
        SummerTmaxMeanC = t.Number(row, "summer_tmax_mean_c", -20, 55),
        SummerTmaxSdC = t.Number(row, "summer_tmax_sd_c", 0.1, 20),
        InterannualSdC = t.Number(row, "interannual_sd_c", 0, 5),
    };

    private static HeatShortfall ReadHeatRow(CsvTable t, CsvRow row) => new()
    {
        TCritC = t.Number(row, "t_crit_c", 20, 70),
        ShortfallProbability = t.Number(row, "shortfall_prob", 0, 1),
        ThrottleFraction = t.Number(row, "throttle_fraction", 0, 1),
        ThrottleHours = t.Number(row, "throttle_hours", 0, 24),
    };

    private static DroughtExposure ReadDroughtRow(CsvTable t, CsvRow row) => new()
    {
        RestrictionDaysPerYear = t.Number(row, "restriction_days_per_yr", 0, 365),
        DryPuePenalty = t.Number(row, "dry_pue_penalty", 0, 2),
    };

    private static FloodExposure ReadFloodRow(CsvTable t, CsvRow row, IReadOnlyCollection<string> classes)
    {
        var depths = FloodReturnPeriods.Select(r => t.Number(row, $"d_{r}_m", 0, 50)).ToArray();
        for (var i = 1; i < depths.Length; i++)
        {
            if (depths[i] < depths[i - 1])
            {
                t.Error(row.Line, $"d_{FloodReturnPeriods[i]}_m", CsvText.RoundTrip(depths[i]), $"depths non-decreasing with return period (d_{FloodReturnPeriods[i - 1]}_m = {CsvText.RoundTrip(depths[i - 1])})");
            }
        }

        return new FloodExposure
        {
            ReturnPeriodsY = FloodReturnPeriods,
            DepthsM = depths,
            ProtectionRpY = t.Number(row, "protection_rp_y", 0, 100_000, "a return period in years ≥ 0 (0 = no defence)"),
            FloorHeightM = t.Number(row, "floor_height_m", 0, 20),
            Hardening = t.Number(row, "hardening", 0, 1),
            VulnerabilityClass = t.Key(row, "vulnerability_class", classes, "class of jrc_flood.csv"),
        };
    }

    private static SurgeExposure ReadSurgeRow(CsvTable t, CsvRow row) => new()
    {
        GevLocationM = t.Number(row, "gev_mu_m", -20, 50),
        GevScaleM = t.Number(row, "gev_sigma_m", 1e-6, 20, "a scale > 0 (m)"),
        GevShape = t.Number(row, "gev_xi", -1, 1),
        GroundElevationM = t.Number(row, "ground_elevation_m", -20, 500),
        DefenceCrestM = t.Number(row, "defence_crest_m", -20, 500),
        SubsidenceMPerYear = t.Number(row, "subsidence_m_per_yr", -0.5, 0.5),
    };

    private static WindExposure ReadWindRow(CsvTable t, CsvRow row)
    {
        var exposure = new WindExposure
        {
            GumbelLocationMs = t.Number(row, "gumbel_mu_ms", 0, 150),
            GumbelScaleMs = t.Number(row, "gumbel_beta_ms", 1e-6, 50, "a scale > 0 (m/s)"),
            VHalfMs = t.Number(row, "v_half_ms", 26, 300, "a gust in m/s above the 25.7 m/s damage threshold"),
            VBiMs = t.Number(row, "v_bi_ms", 0, 150),
            BiHours = t.Number(row, "bi_hours", 0, 720),
        };
        return exposure;
    }

    private static Dictionary<string, T> PerSite<T>(
        string path,
        KnownSites ids,
        List<InputError> errors,
        bool required,
        Func<CsvTable, CsvRow, T> read,
        IReadOnlyList<string> columns)
    {
        var table = CsvTable.Read(path, columns);
        var result = new Dictionary<string, T>();
        var seen = new HashSet<string>();
        var unknown = new List<(int Line, string Id)>();
        foreach (var row in table.Rows)
        {
            var id = UniqueKey(table, row, "site_id", seen);
            seen.Add(id);
            var value = read(table, row);
            RequireSource(table, row);
            if (ids.Portfolio.Contains(id))
            {
                result[id] = value;
            }
            else if (ids.CheckRows && id.Length > 0 && Slug.IsValidOrEmpty(id) && !ids.All.Contains(id))
            {
                // A row that names no site would be ignored, and a misspelt id would leave its
                // site unexposed: zero loss reported as "not exposed" (issue "Trust v2", class 1).
                unknown.Add((row.Line, id));
            }
        }

        if (required && table.Errors.Count == 0)
        {
            foreach (var id in ids.Portfolio.Where(id => !result.ContainsKey(id)).Order(StringComparer.Ordinal))
            {
                table.Error(0, "site_id", id, "a row for every site of the portfolio");
            }
        }

        foreach (var (line, id) in unknown)
        {
            table.Error(line, "site_id", id, ids.Describe(id, result.Keys));
        }

        errors.AddRange(table.Errors);
        return result;
    }

    private static string UniqueKey(CsvTable table, CsvRow row, string column, IEnumerable<string> seen)
    {
        var key = table.Required(row, column);
        if (!Slug.IsValidOrEmpty(key))
        {
            table.Error(row.Line, column, key, Slug.Expected);
        }
        else if (seen.Contains(key))
        {
            table.Error(row.Line, column, key, "a unique id (this one is already used above)");
        }

        return key;
    }

    private static void RequireSource(CsvTable table, CsvRow row) => table.Required(row, "source");

    private static IEnumerable<IGrouping<string, CsvRow>> GroupByKey(CsvTable table, string column)
        => table.Rows.GroupBy(r => table.Required(r, column)).Where(g => g.Key.Length > 0);

    private static List<(CsvRow Row, int Year, double[] Values)> YearRows(
        CsvTable table, IEnumerable<CsvRow> rows, params string[] valueColumns)
    {
        var list = new List<(CsvRow, int, double[])>();
        foreach (var row in rows)
        {
            var year = table.Integer(row, "year", 1990, 2200);
            var values = valueColumns.Select(c => table.Number(row, c, -100, 100)).ToArray();
            RequireSource(table, row);
            if (list.Count > 0 && year <= list[^1].Item2)
            {
                table.Error(row.Line, "year", CsvText.Integer(year), $"years increasing (previous row: {list[^1].Item2})");
                continue;
            }

            list.Add((row, year, values));
        }

        return list;
    }

    /// <summary>
    /// Upper bound of a money input (asset value, BI per day): 10 trillion CNY, far above any
    /// data centre, low enough that sums over sites, years and paths stay finite.
    /// </summary>
    private const double MaxMoneyCny = 1e13;

    private static readonly CoolingType Placeholder = new() { Id = "?", BetaPuePerC = 0, KneeC = 0, WidthC = 1, TCritC = 40 };
}
