using ClimateRisk.Core.Model;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO.Tests.TestSupport;

namespace ClimateRisk.IO.Tests;

/// <summary>InputLoader on the bundled data, checked against the CSV text read independently.</summary>
public sealed class InputLoaderTests
{
    private static readonly Lazy<ModelInputs> Bundled = new(() => InputLoader.Load(TestInputs.Bundled()));

    private static string DataFile(string relative) => Path.Combine(TestInputs.BundledDataDirectory, relative);

    [Fact]
    public void Bundled_data_has_eight_sites_and_six_scenarios_in_file_order()
    {
        var model = Bundled.Value;

        model.Sites.Select(s => s.Id).Should().Equal(
            CsvLine.ReadTable(DataFile("sites.csv")).Select(r => r["site_id"]));
        model.Sites.Should().HaveCount(8);
        model.Scenarios.Select(s => s.Id).Should().Equal(
            "ngfs-below-2c", "ngfs-current-policies", "ngfs-delayed-transition", "ngfs-ndcs", "ngfs-net-zero-2050", "ssp5-85-physical-stress");
    }

    [Theory]
    [InlineData("ksc-beijing-yizhuang", "1.362", 1.362)]
    [InlineData("ks-ulanqab", "1.196", 1.196)]
    [InlineData("ksc-changshu-glp", "1.35", 1.35)]
    public void Reported_pue_is_the_csv_value(string siteId, string csvText, double expected)
    {
        var row = CsvLine.Row(DataFile("sites.csv"), "site_id", siteId);
        row["reported_pue"].Should().Be(csvText, "the test's expectation is taken from the bundled file");

        var site = Bundled.Value.Sites.Single(s => s.Id == siteId);

        site.ReportedPue.Should().Be(expected);
        site.ReportedPue.Should().Be(CsvLine.Number(row["reported_pue"]));
    }

    [Fact]
    public void Every_site_field_matches_its_csv_row()
    {
        foreach (var row in CsvLine.ReadTable(DataFile("sites.csv")))
        {
            var site = Bundled.Value.Sites.Single(s => s.Id == row["site_id"]);
            site.Name.Should().Be(row["name"]);
            site.Operator.Should().Be(row["operator"]);
            site.Tenure.Should().Be(row["tenure"]);
            site.Latitude.Should().Be(CsvLine.Number(row["lat"]));
            site.Longitude.Should().Be(CsvLine.Number(row["lon"]));
            site.Grid.Should().Be(row["grid"]);
            site.PueJurisdiction.Should().Be(row["pue_jurisdiction"]);
            site.Cooling.Id.Should().Be(row["cooling_type"]);
            site.ItLoadMw.Should().Be(CsvLine.Number(row["it_load_mw"]));
            site.LoadGrowth.Should().Be(CsvLine.Number(row["load_growth"]));
            site.ReportingYear.Should().Be(CsvLine.Integer(row["reporting_year"]));
            site.PueTarget.Should().Be(CsvLine.Number(row["pue_target"]));
            site.PlannedPueChange.Points.Should().Equal(
                (2023, 0.0), (2030, CsvLine.Number(row["planned_pue_change_2030"])), (2050, CsvLine.Number(row["planned_pue_change_2050"])));
            site.RenewableShare.Points.Should().Equal(
                (2023, CsvLine.Number(row["renewable_share_2023"])), (2030, CsvLine.Number(row["renewable_share_2030"])), (2050, CsvLine.Number(row["renewable_share_2050"])));
            site.WueLPerKwh.Should().Be(CsvLine.Number(row["wue_l_per_kwh"]));
            site.AssetValueCny.Should().Be(CsvLine.Number(row["asset_value_cny"]));
            site.BiCnyPerDay.Should().Be(CsvLine.Number(row["bi_cny_per_day"]));
            site.Failover.Should().Be(CsvLine.Number(row["failover"]));
            site.Scope1T.Should().Be(CsvLine.Number(row["scope1_t"]));
            site.ElectricityPriceCnyPerMwh.Should().Be(CsvLine.Number(row["electricity_price_cny_per_mwh"]));
            site.WaterPriceCnyPerM3.Should().Be(CsvLine.Number(row["water_price_cny_per_m3"]));
            site.WaterStorageH.Should().Be(CsvLine.Number(row["water_storage_h"]));
            site.LandAmplification.Should().Be(CsvLine.Number(row["land_amplification"]));
        }
    }

    /// <summary>The rows of a per-site table that belong to the portfolio, with their site (the tables also hold candidates' rows).</summary>
    private static List<(Dictionary<string, string> Row, Site Site)> PortfolioRows(string file)
    {
        var sites = Bundled.Value.Sites.ToDictionary(s => s.Id);
        var rows = CsvLine.ReadTable(DataFile(file))
            .Where(r => sites.ContainsKey(r["site_id"]))
            .Select(r => (r, sites[r["site_id"]]))
            .ToList();
        rows.Should().NotBeEmpty($"{file} has rows for portfolio sites");
        return rows;
    }

    [Fact]
    public void Every_site_climate_field_matches_its_csv_row()
    {
        string[] months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
        var rows = PortfolioRows("climate/site_climate.csv");
        rows.Should().HaveCount(Bundled.Value.Sites.Count, "site_climate.csv has a row for every site");
        foreach (var (row, site) in rows)
        {
            site.Climate.MonthlyMeanC.Should().Equal(months.Select(m => CsvLine.Number(row[$"t_{m}_c"])), site.Id);
            site.Climate.HourlySdC.Should().Be(CsvLine.Number(row["hourly_sd_c"]), site.Id);
            site.Climate.SummerTmaxMeanC.Should().Be(CsvLine.Number(row["summer_tmax_mean_c"]), site.Id);
            site.Climate.SummerTmaxSdC.Should().Be(CsvLine.Number(row["summer_tmax_sd_c"]), site.Id);
            site.Climate.InterannualSdC.Should().Be(CsvLine.Number(row["interannual_sd_c"]), site.Id);
        }
    }

    [Fact]
    public void Every_heat_shortfall_field_matches_its_csv_row()
    {
        var rows = PortfolioRows("hazard/heat_shortfall.csv");
        rows.Should().HaveCount(Bundled.Value.Sites.Count, "heat_shortfall.csv has a row for every site");
        foreach (var (row, site) in rows)
        {
            site.Heat.Should().Be(new HeatShortfall
            {
                TCritC = CsvLine.Number(row["t_crit_c"]),
                ShortfallProbability = CsvLine.Number(row["shortfall_prob"]),
                ThrottleFraction = CsvLine.Number(row["throttle_fraction"]),
                ThrottleHours = CsvLine.Number(row["throttle_hours"]),
            }, site.Id);
        }
    }

    [Fact]
    public void Every_drought_field_matches_its_csv_row()
    {
        var rows = PortfolioRows("hazard/drought.csv");
        rows.Should().HaveCount(Bundled.Value.Sites.Count, "drought.csv has a row for every site");
        foreach (var (row, site) in rows)
        {
            site.Drought.Should().Be(new DroughtExposure
            {
                RestrictionDaysPerYear = CsvLine.Number(row["restriction_days_per_yr"]),
                DryPuePenalty = CsvLine.Number(row["dry_pue_penalty"]),
            }, site.Id);
        }
    }

    [Fact]
    public void Every_flood_field_matches_its_csv_row()
    {
        string[] periods = ["2", "5", "10", "25", "50", "100", "250", "500", "1000"];
        foreach (var (row, site) in PortfolioRows("hazard/flood_depth.csv"))
        {
            var flood = site.Flood!;
            flood.Should().NotBeNull(site.Id);
            flood.ReturnPeriodsY.Should().Equal(periods.Select(CsvLine.Number), site.Id);
            flood.DepthsM.Should().Equal(periods.Select(p => CsvLine.Number(row[$"d_{p}_m"])), site.Id);
            flood.ProtectionRpY.Should().Be(CsvLine.Number(row["protection_rp_y"]), site.Id);
            flood.FloorHeightM.Should().Be(CsvLine.Number(row["floor_height_m"]), site.Id);
            flood.Hardening.Should().Be(CsvLine.Number(row["hardening"]), site.Id);
            flood.VulnerabilityClass.Should().Be(row["vulnerability_class"], site.Id);
        }
    }

    [Fact]
    public void Every_surge_field_matches_its_csv_row()
    {
        foreach (var (row, site) in PortfolioRows("hazard/surge_gev.csv"))
        {
            site.Surge.Should().Be(new SurgeExposure
            {
                GevLocationM = CsvLine.Number(row["gev_mu_m"]),
                GevScaleM = CsvLine.Number(row["gev_sigma_m"]),
                GevShape = CsvLine.Number(row["gev_xi"]),
                GroundElevationM = CsvLine.Number(row["ground_elevation_m"]),
                DefenceCrestM = CsvLine.Number(row["defence_crest_m"]),
                SubsidenceMPerYear = CsvLine.Number(row["subsidence_m_per_yr"]),
            }, site.Id);
        }
    }

    [Fact]
    public void Every_wind_field_matches_its_csv_row()
    {
        foreach (var (row, site) in PortfolioRows("hazard/wind_gumbel.csv"))
        {
            site.Wind.Should().Be(new WindExposure
            {
                GumbelLocationMs = CsvLine.Number(row["gumbel_mu_ms"]),
                GumbelScaleMs = CsvLine.Number(row["gumbel_beta_ms"]),
                VHalfMs = CsvLine.Number(row["v_half_ms"]),
                VBiMs = CsvLine.Number(row["v_bi_ms"]),
                BiHours = CsvLine.Number(row["bi_hours"]),
            }, site.Id);
        }
    }

    [Fact]
    public void Every_warming_and_sea_level_point_matches_its_csv_row()
    {
        static (int Year, double Value)[] Points(List<Dictionary<string, string>> rows, string column)
            => rows.Select(r => (CsvLine.Integer(r["year"]), CsvLine.Number(r[column]))).ToArray();

        var gsat = CsvLine.ReadTable(DataFile("climate/gsat.csv")).GroupBy(r => r["ssp"]).ToDictionary(g => g.Key, g => g.ToList());
        var slr = CsvLine.ReadTable(DataFile("climate/slr.csv")).GroupBy(r => r["ssp"]).ToDictionary(g => g.Key, g => g.ToList());
        var model = Bundled.Value;

        model.Warming.Keys.Should().BeEquivalentTo(gsat.Keys);
        model.SeaLevel.Keys.Should().BeEquivalentTo(slr.Keys);
        foreach (var (ssp, rows) in gsat)
        {
            var warming = model.Warming[ssp];
            warming.Ssp.Should().Be(ssp);
            warming.MedianC.Points.Should().Equal(Points(rows, "median_c"), ssp);
            warming.Q05C.Points.Should().Equal(Points(rows, "q05_c"), ssp);
            warming.Q95C.Points.Should().Equal(Points(rows, "q95_c"), ssp);
        }

        foreach (var (ssp, rows) in slr)
        {
            var seaLevel = model.SeaLevel[ssp];
            seaLevel.Ssp.Should().Be(ssp);
            seaLevel.MedianM.Points.Should().Equal(Points(rows, "median_m"), ssp);
            seaLevel.LikelyLowM.Points.Should().Equal(Points(rows, "likely_lo_m"), ssp);
            seaLevel.LikelyHighM.Points.Should().Equal(Points(rows, "likely_hi_m"), ssp);
        }
    }

    [Fact]
    public void Yizhuang_spot_values()
    {
        var site = Bundled.Value.Sites.Single(s => s.Id == "ksc-beijing-yizhuang");

        site.ItLoadMw.Should().Be(3.44);
        site.PueJurisdiction.Should().Be("beijing");
        site.Cooling.Should().Be(new CoolingType { Id = "chiller_water_economizer", BetaPuePerC = 0.016, KneeC = 8, WidthC = 4, TCritC = 40 });
        site.Climate.MonthlyMeanC.Should().Equal(-2.9, 0.4, 7.0, 14.6, 20.6, 24.8, 26.7, 25.5, 20.8, 13.5, 5.3, -0.9);
        site.Climate.HourlySdC.Should().Be(5.0);
        site.Climate.SummerTmaxMeanC.Should().Be(30.9);
        site.Heat.Should().Be(new HeatShortfall { TCritC = 40, ShortfallProbability = 0.15, ThrottleFraction = 0.25, ThrottleHours = 6 });
        site.Drought.Should().Be(new DroughtExposure { RestrictionDaysPerYear = 1.0, DryPuePenalty = 0.15 });
        site.Flood.Should().NotBeNull();
        site.Flood!.DepthsM.Should().Equal(0, 0.02, 0.08, 0.2, 0.35, 0.5, 0.7, 0.9, 1.1);
        site.Flood.ReturnPeriodsY.Should().Equal(2, 5, 10, 25, 50, 100, 250, 500, 1000);
        site.Flood.ProtectionRpY.Should().Be(20);
        site.Flood.VulnerabilityClass.Should().Be("industrial");
        site.Surge.Should().BeNull("Yizhuang has no row in surge_gev.csv");
        site.Wind.Should().BeNull("Yizhuang has no row in wind_gumbel.csv");
    }

    [Fact]
    public void Optional_hazards_are_attached_exactly_to_the_sites_with_rows()
    {
        var model = Bundled.Value;
        // The hazard tables also hold the candidate sites' rows; the portfolio takes its own.
        var portfolio = model.Sites.Select(s => s.Id).ToHashSet();
        string[] Ids(string file) => CsvLine.ReadTable(DataFile(file)).Select(r => r["site_id"]).Where(portfolio.Contains).Order(StringComparer.Ordinal).ToArray();

        model.Sites.Where(s => s.Flood is not null).Select(s => s.Id).Order(StringComparer.Ordinal).Should().Equal(Ids("hazard/flood_depth.csv"));
        model.Sites.Where(s => s.Surge is not null).Select(s => s.Id).Order(StringComparer.Ordinal).Should().Equal(Ids("hazard/surge_gev.csv"));
        model.Sites.Where(s => s.Wind is not null).Select(s => s.Id).Order(StringComparer.Ordinal).Should().Equal(Ids("hazard/wind_gumbel.csv"));
        model.Sites.Single(s => s.Id == "ks-ulanqab").Flood.Should().BeNull();

        var guanghuan = model.Sites.Single(s => s.Id == "ksc-shanghai-guanghuan");
        guanghuan.Surge.Should().Be(new SurgeExposure
        {
            GevLocationM = 4.75, GevScaleM = 0.26, GevShape = 0.02, GroundElevationM = 4.0, DefenceCrestM = 7.2, SubsidenceMPerYear = 0.006,
        });
        guanghuan.Wind.Should().Be(new WindExposure { GumbelLocationMs = 27.0, GumbelScaleMs = 4.2, VHalfMs = 90, VBiMs = 33, BiHours = 12 });
    }

    [Fact]
    public void Beijing_rule_is_135_from_2026_with_02_cny_per_kwh()
    {
        var row = CsvLine.Row(DataFile("transition/pue_rules.csv"), "jurisdiction", "beijing");
        row["from_year"].Should().Be("2026");
        row["limit_pue"].Should().Be("1.35");
        row["surcharge_cny_per_kwh"].Should().Be("0.2");

        Bundled.Value.PueRules["beijing"].Should().Equal(new PueRule
        {
            Jurisdiction = "beijing", FromYear = 2026, LimitPue = 1.35, SurchargeCnyPerKwh = 0.2, Tier2ExcessFraction = 1.0, Tier2SurchargeCnyPerKwh = 0.5,
            IsAssumed = false, Source = row["source"],
        });
    }

    [Fact]
    public void Pue_rules_keep_every_row_per_jurisdiction_in_year_order()
    {
        var rows = CsvLine.ReadTable(DataFile("transition/pue_rules.csv"));
        var rules = Bundled.Value.PueRules;

        rules.Keys.Should().BeEquivalentTo(rows.Select(r => r["jurisdiction"]).Distinct());
        rules["tianjin"].Select(r => (r.FromYear, r.LimitPue)).Should().Equal((2025, 1.5), (2030, 1.3));
        rules["helinger_hub"].Select(r => (r.FromYear, r.LimitPue)).Should().Equal((2022, 1.2));
        rules.Values.Sum(r => r.Count).Should().Be(rows.Count);
    }

    [Fact]
    public void Grid_factor_of_each_site_is_the_latest_year_up_to_2023()
    {
        var factors = CsvLine.ReadTable(DataFile("transition/grid_factors.csv"));
        foreach (var site in Bundled.Value.Sites)
        {
            var expected = factors
                .Where(r => r["grid"] == site.Grid && CsvLine.Integer(r["year"]) <= SimulationSettings.BaseYear)
                .MaxBy(r => CsvLine.Integer(r["year"]))!;
            site.BaseGridFactorTPerMwh.Should().Be(CsvLine.Number(expected["ef_t_per_mwh"]), site.Id);
        }

        var sites = Bundled.Value.Sites.ToDictionary(s => s.Id);
        sites["ksc-beijing-yizhuang"].BaseGridFactorTPerMwh.Should().Be(0.6361, "north_china has 2022 (0.6776) and 2023 (0.6361)");
        sites["ksc-tianjin-yixianyuan"].BaseGridFactorTPerMwh.Should().Be(0.7041, "tianjin has only a 2022 figure");
        sites["ksc-qinghai-green"].BaseGridFactorTPerMwh.Should().Be(0.1567);
    }

    [Fact]
    public void Climate_tables_load_per_ssp()
    {
        var model = Bundled.Value;

        model.Warming.Keys.Should().BeEquivalentTo(["SSP1-1.9", "SSP1-2.6", "SSP2-4.5", "SSP3-7.0", "SSP5-8.5"]);
        model.Warming["SSP5-8.5"].MedianC.Points.Should().Equal((2023, 1.20), (2030, 1.6), (2050, 2.4), (2090, 4.4));
        model.Warming["SSP5-8.5"].Q95C.At(2050).Should().Be(3.0);
        model.SeaLevel["SSP2-4.5"].MedianM.Points.Should().Equal((2005, 0.0), (2023, 0.07), (2050, 0.20), (2100, 0.56));
        model.HeavyPrecipitationMultiplier.X.ToArray().Should().Equal(0, 1, 1.5, 2, 4);
        model.HeavyPrecipitationMultiplier.Y.ToArray().Should().Equal(1.0, 1.3, 1.5, 1.7, 2.7);
        model.DamageCurves.Keys.Should().BeEquivalentTo(["residential", "commercial", "industrial"]);
        model.DamageCurves["industrial"].Mean.At(1).Should().Be(0.482);
        model.DamageCurves["industrial"].Sd.At(0.5).Should().Be(0.243);
    }

    [Fact]
    public void Thresholds_load_one_row_per_metric_and_level()
    {
        var rows = CsvLine.ReadTable(DataFile("register/thresholds.csv"));
        var thresholds = Bundled.Value.Thresholds;

        thresholds.Should().HaveCount(rows.Count);
        var physical = thresholds.Single(t => t.Metric == "physical_loss_cny" && t.Level == "site");
        physical.Materiality.Should().Be(5_000_000);
        physical.ImpactBounds.Should().Equal(5_000_000, 20_000_000, 70_000_000, 350_000_000);
    }

    [Fact]
    public void Scenario_fields_are_read_from_yaml()
    {
        var netZero = Bundled.Value.Scenarios.Single(s => s.Id == "ngfs-below-2c");

        netZero.Name.Should().Be("NGFS Below 2°C");
        netZero.Ssp.Should().Be("SSP1-2.6");
        netZero.TyphoonIntensityPerC.Should().Be(0.025);
        netZero.DiscountRate.Should().Be(0.06);
        netZero.CarbonPriceCnyPerT.Points.Should().Equal((2023, 68.0), (2025, 98.0), (2030, 636.0), (2040, 1184.0), (2050, 2454.0));
        netZero.CarbonCoverage.Points.Should().Equal((2023, 0.0), (2030, 0.3), (2040, 0.7), (2050, 0.9));
        netZero.GridDeclineRate.Should().Be(0.060);
        netZero.CarbonPassThrough.Should().Be(0.4);
        netZero.ElectricitySigma.Should().Be(0.1);
        netZero.RenewablePremiumCnyPerMwh.At(2035).Should().Be(27.5);
        netZero.CorrelationLengthsKm.Should().Be(new CorrelationLengths(), "the file gives no correlation_length_km, so the defaults apply");
    }
}
