using System.Text;
using ClimateRisk.IO.Tests.TestSupport;
using static ClimateRisk.IO.Tests.Catalogue.BadInputCase;

namespace ClimateRisk.IO.Tests.Catalogue;

/// <summary>
/// The bad-input catalogue (issue "Trust", tests): every file the engine reads, broken in one
/// way at a time on a private copy of the bundled inputs, and the exact messages the loader
/// must print. Read it as a table: file, mutation, expected output.
/// </summary>
public sealed partial class BadInputCatalogueTests
{
    private const string Sites = "data/sites.csv";
    private const string Climate = "data/climate/site_climate.csv";
    private const string Cooling = "data/cooling_types.csv";
    private const string Gsat = "data/climate/gsat.csv";
    private const string Slr = "data/climate/slr.csv";
    private const string Multipliers = "data/climate/extreme_multipliers.csv";
    private const string Jrc = "data/vulnerability/jrc_flood.csv";
    private const string Flood = "data/hazard/flood_depth.csv";
    private const string Surge = "data/hazard/surge_gev.csv";
    private const string Wind = "data/hazard/wind_gumbel.csv";
    private const string Heat = "data/hazard/heat_shortfall.csv";
    private const string Drought = "data/hazard/drought.csv";
    private const string Grid = "data/transition/grid_factors.csv";
    private const string Rules = "data/transition/pue_rules.csv";
    private const string Pilots = "data/transition/carbon_pilots.csv";
    private const string Thresholds = "data/register/thresholds.csv";
    private const string Delayed = "scenarios/ngfs-delayed-transition.yaml";
    private const string GridIndex = "    default: {2023: 1.0, 2030: 0.862, 2035: 0.62, 2040: 0.42, 2050: 0.226}";
    private const string Insurance = "data/finance/insurance.csv";
    private const string Baselines = "data/finance/baselines.csv";
    private const string Ndcs = "scenarios/ngfs-ndcs.yaml";
    private const string Measures = "data/measures.csv";
    private const string PueResponse = "data/examples/synthetic_calibration/pue_response.csv";

    /// <summary>A valid measures file (compare's input), written into the copy before a measures case breaks it.</summary>
    private const string MeasuresSample =
        "measure_id,name,site_id,year_in_force,capex_cny,opex_cny_per_yr,changes,source\n"
        + "yizhuang-flood-wall,Flood wall at Yizhuang,ksc-beijing-yizhuang,2027,12000000,100000,protection_rp_y=100,assumption: test\n"
        + "ulanqab-dlc,Liquid cooling at Ulanqab,ks-ulanqab,2028,300000000,0,cooling_type=direct_liquid_cooling;pue=1.12,assumption: test\n";

    private const string Yizhuang = "ksc-beijing-yizhuang,";
    private const string Tianjin = "ksc-tianjin-yixianyuan,";
    private const string Ulanqab = "ks-ulanqab,";
    private const string Changshu = "ksc-changshu-glp,";
    private const string Guanghuan = "ksc-shanghai-guanghuan,";
    private const string Coverage = "  carbon_coverage: {2023: 0.0, 2030: 0.1, 2040: 0.3, 2050: 0.5}";
    private const string TransitionKeys = "discount_rate, carbon_price_cny_per_t, carbon_price_sigma, carbon_coverage, grid_decline_rate, grid_factor_index, grid_sigma, "
        + "electricity_escalation, electricity_sigma, carbon_pass_through, renewable_premium_cny_per_mwh";

    private static readonly BadInputCase[] Handwritten =
    [
        // ---- sites.csv (and candidates, which use the same loader) ----
        Cell(Sites, Yizhuang, "lat", "95", "data/sites.csv:{line}: lat '95': expected from -90 to 90"),
        Cell(Sites, Yizhuang, "lon", "\"116,51\"", "data/sites.csv:{line}: lon '116,51': expected a number with '.' as the decimal separator, from -180 to 180"),
        Cell(Sites, Yizhuang, "reported_pue", "0.95", "data/sites.csv:{line}: reported_pue '0.95': expected a PUE from 1 to 5"),
        Cell(Sites, Tianjin, "it_load_mw", "-3.23", "data/sites.csv:{line}: it_load_mw '-3.23': expected an IT load in MW, > 0"),
        Cell(Sites, Tianjin, "it_load_mw", "0", "data/sites.csv:{line}: it_load_mw '0': expected an IT load in MW, > 0"),
        Cell(Sites, Tianjin, "failover", "1.2", "data/sites.csv:{line}: failover '1.2': expected from 0 to 1"),
        Cell(Sites, Tianjin, "renewable_share_2030", "NaN", "data/sites.csv:{line}: renewable_share_2030 'NaN': expected a number, from 0 to 1"),
        Cell(Sites, Tianjin, "scope1_t", "Infinity", "data/sites.csv:{line}: scope1_t 'Infinity': expected a number, from 0 to 1000000000"),
        Cell(Sites, Ulanqab, "asset_value_cny", "4.9e14", "data/sites.csv:{line}: asset_value_cny '4.9e14': expected from 0 to 10000000000000"),
        Cell(Sites, Ulanqab, "reporting_year", "2024", "data/sites.csv:{line}: reporting_year '2024': expected a whole number from 2000 to 2023"),
        Cell(Sites, Ulanqab, "it_load_mw", "31.2MW", "data/sites.csv:{line}: it_load_mw '31.2MW': expected a number, an IT load in MW, > 0"),
        Cell(Sites, Yizhuang, "cooling_type", "chiller_water_economiser", "data/sites.csv:{line}: cooling_type 'chiller_water_economiser': expected a cooling type of cooling_types.csv: "
            + "one of chiller_water_economizer, indirect_evaporative, pumped_refrigerant_free_cooling, direct_liquid_cooling (did you mean 'chiller_water_economizer'?)"),
        Cell(Sites, Yizhuang, "grid", "north_chna", "data/sites.csv:{line}: grid 'north_chna': expected a grid of grid_factors.csv: "
            + "one of national, north_china, east_china, central_china, northwest, tianjin, inner_mongolia, hebei, qinghai, anhui, sichuan, south_china (did you mean 'north_china'?)"),
        Cell(Sites, Ulanqab, "pue_jurisdiction", "atlantis", "data/sites.csv:{line}: pue_jurisdiction 'atlantis': expected a jurisdiction of pue_rules.csv: "
            + "one of beijing, national, national_hub, helinger_hub, yrd_hub, tianjin, hebei, jiangsu, shanghai, qinghai, west_hub"),
        Cell(Sites, Ulanqab, "tenure", "own", "data/sites.csv:{line}: tenure 'own': expected a tenure: one of owned, leased (did you mean 'owned'?)"),
        Cell(Sites, Tianjin, "site_id", "ksc-beijing-yizhuang", "data/sites.csv:{line}: site_id 'ksc-beijing-yizhuang': expected a unique id (this one is already used above)"),
        Cell(Sites, Changshu, "name", string.Empty, "data/sites.csv:{line}: name '': expected a value"),
        Cell(Sites, Ulanqab, "planned_pue_change_2050", "-0.5", "data/sites.csv:{line}: reported_pue '1.196': expected a PUE that keeps the annual PUE ≥ 1: "
            + "with cooling type pumped_refrigerant_free_cooling, this climate and the planned change, a cool year would give PUE 0.683"),
        Edit(Sites, ",reported_pue,", ",reported_peu,",
            "data/sites.csv:1: column 'reported_peu': expected one of 31 known keys (did you mean 'reported_pue'?)\n"
            + "data/sites.csv:1: reported_pue '': expected this column to be present"),
        Edit(Sites, "Kingsoft Cloud Beijing Yizhuang data centre,", "Kingsoft Cloud, Beijing Yizhuang data centre,",
            "data/sites.csv:2: fields '32 fields': expected 31 fields like the header (put text that contains ',' in double quotes)"),
        Whole(Sites, "last row cut short after 10 fields", p => TruncateLastRow(p, 10),
            "data/sites.csv:9: fields '10 fields': expected 31 fields like the header"),
        Whole(Sites, "saved by a European Excel (';' between fields)", p => TestInputs.ChangeDelimiter(p, ';'),
            "data/sites.csv:1: delimiter ';': expected ',' (the file looks saved with another list separator, e.g. by a spreadsheet set to a European locale; save as CSV with commas and '.' decimals)"),
        Whole(Sites, "a name saved in GBK", p => ReplaceWithBytes(p, "Kingsoft Cloud Beijing Yizhuang data centre", [0xBD, 0xF0, 0xC9, 0xBD, 0xD4, 0xC6]),
            "data/sites.csv:2: encoding 'byte 0xBD': expected UTF-8 text (the file looks saved in another encoding, e.g. GBK by a spreadsheet; save it as 'CSV UTF-8')"),
        Whole(Sites, "empty file", p => File.WriteAllText(p, string.Empty),
            "data/sites.csv: '(empty file)': expected a header row with columns site_id, name, operator, tenure, city, province, lat, lon, grid, pue_jurisdiction, cooling_type, it_load_mw, "
            + "load_growth, reported_pue, reporting_year, pue_target, planned_pue_change_2030, planned_pue_change_2050, wue_l_per_kwh, asset_value_cny, bi_cny_per_day, failover, "
            + "renewable_share_2023, renewable_share_2030, renewable_share_2050, scope1_t, electricity_price_cny_per_mwh, water_price_cny_per_m3, water_storage_h, land_amplification, source"),

        // ---- climate/site_climate.csv ----
        Whole(Climate, "the Ulanqab row deleted", p => TestInputs.RemoveLine(p, LineStarting(p, Ulanqab)),
            "data/climate/site_climate.csv: site_id 'ks-ulanqab': expected a row for every site of the portfolio"),
        Cell(Climate, Yizhuang, "hourly_sd_c", "0", "data/climate/site_climate.csv:{line}: hourly_sd_c '0': expected from 0.1 to 20"),
        Cell(Climate, Yizhuang, "t_jul_c", "-Infinity", "data/climate/site_climate.csv:{line}: t_jul_c '-Infinity': expected a number, from -60 to 50"),
        Whole(Climate, "only a UTF-8 BOM", p => File.WriteAllBytes(p, [0xEF, 0xBB, 0xBF]),
            "data/climate/site_climate.csv: '(empty file)': expected a header row with columns site_id, t_jan_c, t_feb_c, t_mar_c, t_apr_c, t_may_c, t_jun_c, t_jul_c, t_aug_c, "
            + "t_sep_c, t_oct_c, t_nov_c, t_dec_c, hourly_sd_c, summer_tmax_mean_c, summer_tmax_sd_c, interannual_sd_c, source"),

        // ---- cooling_types.csv ----
        Cell(Cooling, "indirect_evaporative,", "width_c", "0", "data/cooling_types.csv:{line}: width_c '0': expected from 0.05 to 30"),
        Cell(Cooling, "direct_liquid_cooling,", "cooling_type", "indirect_evaporative", "data/cooling_types.csv:{line}: cooling_type 'indirect_evaporative': expected a unique id (this one is already used above)"),
        Cell(Cooling, "direct_liquid_cooling,", "source", string.Empty, "data/cooling_types.csv:{line}: source '': expected a value"),
        Whole(Cooling, "tab-separated", p => TestInputs.ChangeDelimiter(p, '\t'),
            "data/cooling_types.csv:1: delimiter 'tab': expected ',' (the file looks saved with another list separator, e.g. by a spreadsheet set to a European locale; save as CSV with commas and '.' decimals)"),

        // ---- climate/gsat.csv, slr.csv, extreme_multipliers.csv ----
        Cell(Gsat, "SSP2-4.5,2030,", "year", "2060", "data/climate/gsat.csv:12: year '2050': expected years increasing (previous row: 2060)"),
        Cell(Gsat, "SSP1-1.9,2030,", "median_c", "1.8", "data/climate/gsat.csv:{line}: median_c '1.8': expected q05_c ≤ median_c ≤ q95_c"),
        Cell(Slr, "SSP1-1.9,2050,", "likely_lo_m", "0.2", "data/climate/slr.csv:{line}: median_m '0.18': expected likely_lo_m ≤ median_m ≤ likely_hi_m"),
        Cell(Multipliers, "2,", "heavy_precip_10y", "1.4", "data/climate/extreme_multipliers.csv:{line}: heavy_precip_10y '1.4': expected a multiplier that does not fall with warming (previous row: 1.5)"),
        Cell(Multipliers, "4,", "warming_c", "1.5", "data/climate/extreme_multipliers.csv:{line}: warming_c '1.5': expected rows in increasing order of warming (previous row: 2)"),

        // ---- vulnerability/jrc_flood.csv ----
        Cell(Jrc, "industrial,1,", "depth_m", "0.4", "data/vulnerability/jrc_flood.csv:{line}: depth_m '0.4': expected depths increasing within class industrial (previous: 0.5)"),
        Cell(Jrc, "industrial,2,", "mean", "0.6", "data/vulnerability/jrc_flood.csv:{line}: mean '0.6': expected a damage ratio that does not fall with depth (previous: 0.629)"),
        Cell(Jrc, "industrial,2,", "sd", "0.6", "data/vulnerability/jrc_flood.csv:{line}: sd '0.6': expected from 0 to 0.5"),
        Whole(Jrc, "class industrial renamed factory (also in flood_depth.csv), and Guanghuan's flood row removed", RenameIndustrialAndDropCoastalFloodRow,
            "data/vulnerability/jrc_flood.csv: class '(no industrial rows)': expected rows for class industrial: coastal site ksc-shanghai-guanghuan has no row in flood_depth.csv "
            + "and so uses the industrial curve"),

        // ---- hazard files ----
        Cell(Flood, Yizhuang, "d_50_m", "0.1", "data/hazard/flood_depth.csv:{line}: d_50_m '0.1': expected depths non-decreasing with return period (d_25_m = 0.2)"),
        Cell(Flood, Changshu, "vulnerability_class", "industial", "data/hazard/flood_depth.csv:{line}: vulnerability_class 'industial': expected a class of jrc_flood.csv: "
            + "one of residential, commercial, industrial (did you mean 'industrial'?)"),
        Cell(Flood, Yizhuang, "protection_rp_y", "-10", "data/hazard/flood_depth.csv:{line}: protection_rp_y '-10': expected a return period in years ≥ 0 (0 = no defence)"),
        Cell(Surge, Guanghuan, "gev_sigma_m", "0", "data/hazard/surge_gev.csv:{line}: gev_sigma_m '0': expected a scale > 0 (m)"),
        Cell(Surge, Guanghuan, "gev_xi", "1.5", "data/hazard/surge_gev.csv:{line}: gev_xi '1.5': expected from -1 to 1"),
        Cell(Wind, Changshu, "v_half_ms", "20", "data/hazard/wind_gumbel.csv:{line}: v_half_ms '20': expected a gust in m/s above the 25.7 m/s damage threshold"),
        Cell(Wind, Guanghuan, "site_id", "ksc-changshu-glp", "data/hazard/wind_gumbel.csv:{line}: site_id 'ksc-changshu-glp': expected a unique id (this one is already used above)"),
        Cell(Heat, "ksc-qinghai-green,", "shortfall_prob", "1.5", "data/hazard/heat_shortfall.csv:{line}: shortfall_prob '1.5': expected from 0 to 1"),
        Cell(Heat, Yizhuang, "throttle_hours", "25", "data/hazard/heat_shortfall.csv:{line}: throttle_hours '25': expected from 0 to 24"),
        Cell(Drought, Tianjin, "restriction_days_per_yr", "400", "data/hazard/drought.csv:{line}: restriction_days_per_yr '400': expected from 0 to 365"),
        Whole(Drought, "column dry_pue_penalty removed", p => TestInputs.RemoveColumn(p, "dry_pue_penalty"),
            "data/hazard/drought.csv:1: dry_pue_penalty '': expected this column to be present"),
        Whole(Drought, "header only", p => File.WriteAllText(p, "site_id,restriction_days_per_yr,dry_pue_penalty,source\n"),
            "data/hazard/drought.csv: '(no data rows)': expected at least one data row"),
        Whole(Drought, "CRLF line ends and a BOM, then one value broken", p => CrlfWithBom(p, "ksc-beijing-yizhuang,1.0,", "ksc-beijing-yizhuang,-1.0,"),
            "data/hazard/drought.csv:2: restriction_days_per_yr '-1.0': expected from 0 to 365"),

        // ---- class 1 (Trust v2): site ids across tables; a typo must not make a site silently unexposed ----
        Cell(Flood, Yizhuang, "site_id", "ksc-beijing-yizhuagn", "data/hazard/flood_depth.csv:{line}: site_id 'ksc-beijing-yizhuagn': expected a site of sites.csv or candidates.csv (did you mean 'ksc-beijing-yizhuang'?)"),
        Cell(Flood, Yizhuang, "site_id", "KSC-BEIJING-YIZHUANG", "data/hazard/flood_depth.csv:{line}: site_id 'KSC-BEIJING-YIZHUANG': expected a slug of lower-case letters, digits, '-' or '_'"),
        Cell(Flood, Yizhuang, "site_id", "acme-frankfurt-1", "data/hazard/flood_depth.csv:{line}: site_id 'acme-frankfurt-1': expected a site of sites.csv or candidates.csv (no site has this id, so the row would be ignored: correct the id or remove the row)"),
        Cell(Flood, "cand-wuhu,", "site_id", "cand-wuhuu", "data/hazard/flood_depth.csv:{line}: site_id 'cand-wuhuu': expected a site of sites.csv or candidates.csv (did you mean 'cand-wuhu'?)"),
        Cell(Surge, Guanghuan, "site_id", "ksc-shanghai-guanhuan", "data/hazard/surge_gev.csv:{line}: site_id 'ksc-shanghai-guanhuan': expected a site of sites.csv or candidates.csv (did you mean 'ksc-shanghai-guanghuan'?)"),
        Cell(Surge, Guanghuan, "site_id", string.Empty, "data/hazard/surge_gev.csv:{line}: site_id '': expected a value"),
        Cell(Wind, Changshu, "site_id", "ksc-changshu-gpl", "data/hazard/wind_gumbel.csv:{line}: site_id 'ksc-changshu-gpl': expected a site of sites.csv or candidates.csv (did you mean 'ksc-changshu-glp'?)"),
        Cell(Wind, Changshu, "site_id", "ksc_changshu_glp", "data/hazard/wind_gumbel.csv:{line}: site_id 'ksc_changshu_glp': expected a site of sites.csv or candidates.csv (did you mean 'ksc-changshu-glp'?)"),
        Cell(Heat, Yizhuang, "site_id", "ksc-beijing-yizhaung", "data/hazard/heat_shortfall.csv: site_id 'ksc-beijing-yizhuang': expected a row for every site of the portfolio\n"
            + "data/hazard/heat_shortfall.csv:{line}: site_id 'ksc-beijing-yizhaung': expected a site of sites.csv or candidates.csv (did you mean 'ksc-beijing-yizhuang'?)"),
        Cell(Drought, Tianjin, "site_id", "ksc-tianjin", "data/hazard/drought.csv: site_id 'ksc-tianjin-yixianyuan': expected a row for every site of the portfolio\n"
            + "data/hazard/drought.csv:{line}: site_id 'ksc-tianjin': expected a site of sites.csv or candidates.csv (no site has this id, so the row would be ignored: correct the id or remove the row)"),
        Cell(Climate, Ulanqab, "site_id", "ks-ulanqap", "data/climate/site_climate.csv: site_id 'ks-ulanqab': expected a row for every site of the portfolio\n"
            + "data/climate/site_climate.csv:{line}: site_id 'ks-ulanqap': expected a site of sites.csv or candidates.csv (did you mean 'ks-ulanqab'?)"),

        // ---- transition and register tables ----
        Cell(Grid, "north_china,2022,", "year", "2023", "data/transition/grid_factors.csv:5: year '2023': expected one row per grid and year (north_china already has a row for this year)"),
        Cell(Grid, "qinghai,", "year", "2024", "data/transition/grid_factors.csv:{line}: year '2024': expected a year ≤ 2023 (the base year) in at least one row for grid qinghai\n"
            + "data/sites.csv:7: grid 'qinghai': expected a grid of grid_factors.csv: one of national, north_china, east_china, central_china, northwest, tianjin, inner_mongolia, hebei, anhui, sichuan, south_china"),
        Cell(Rules, "beijing,", "limit_pue", "0.9", "data/transition/pue_rules.csv:{line}: limit_pue '0.9': expected a PUE limit from 1 to 5"),
        Cell(Rules, "tianjin,2030,", "from_year", "2024", "data/transition/pue_rules.csv:{line}: from_year '2024': expected years increasing within jurisdiction tianjin (previous: 2025)"),
        Cell(Rules, "tianjin,2030,", "basis", "guessed", "data/transition/pue_rules.csv:{line}: basis 'guessed': expected a basis (published: the limit is a published rule; assumed: our assumption where none is published): one of published, assumed"),
        Cell(Rules, "beijing,", "basis", "", "data/transition/pue_rules.csv:{line}: basis '': expected a value"),
        Whole(Rules, "column basis removed", p => TestInputs.RemoveColumn(p, "basis"),
            "data/transition/pue_rules.csv:1: basis '': expected this column to be present"),
        Cell(Pilots, "beijing,", "coverage", "1.5", "data/transition/carbon_pilots.csv:{line}: coverage '1.5': expected a share of the site's emissions from 0 to 1"),
        Cell(Pilots, "beijing,", "threshold_t", "-5000", "data/transition/carbon_pilots.csv:{line}: threshold_t '-5000': expected an inclusion threshold in tCO2/yr from 0 to 1e9"),
        Cell(Pilots, "beijing,", "price_cny_per_t", "102 CNY", "data/transition/carbon_pilots.csv:{line}: price_cny_per_t '102 CNY': expected a number, from 0 to 100000"),
        Cell(Pilots, "beijing,", "jurisdiction", "Beijing", "data/transition/carbon_pilots.csv:{line}: jurisdiction 'Beijing': expected a slug of lower-case letters, digits, '-' or '_'"),
        Whole(Pilots, "a second beijing row with another threshold", p => File.AppendAllText(p, "beijing,2030,120,0.05,10000,assumption: test\n"),
            "data/transition/carbon_pilots.csv:3: threshold_t '10000': expected the same threshold in every row of jurisdiction beijing (5000 above)"),
        Whole(Pilots, "a second beijing row for an earlier year", p => File.AppendAllText(p, "beijing,2020,90,0.05,5000,assumption: test\n"),
            "data/transition/carbon_pilots.csv:3: year '2020': expected years increasing within jurisdiction beijing (previous: 2024)"),
        Whole(Pilots, "column coverage removed", p => TestInputs.RemoveColumn(p, "coverage"),
            "data/transition/carbon_pilots.csv:1: coverage '': expected this column to be present"),
        Cell(Thresholds, "physical_loss_cny,site,", "metric", "physical_los_cny", "data/register/thresholds.csv:{line}: metric 'physical_los_cny': expected a metric: one of 31 known keys (did you mean 'physical_loss_cny'?)"),
        Cell(Thresholds, "physical_loss_cny,site,", "impact4", "10000000", "data/register/thresholds.csv:{line}: impact4 '10000000': expected impact bounds non-decreasing (impact3 = 20000000)"),
        Cell(Thresholds, "carbon_cost_cny,site,", "metric", "physical_loss_cny", "data/register/thresholds.csv:{line}: metric 'physical_loss_cny': expected one row per metric and level (site already given)"),
        // ---- finance/insurance.csv and finance/baselines.csv (MODEL §15) ----
        Cell(Insurance, Yizhuang, "coinsurance", "1.5", "data/finance/insurance.csv:{line}: coinsurance '1.5': expected from 0 to 1"),
        Cell(Insurance, Tianjin, "premium_lag_y", "2.5", "data/finance/insurance.csv:{line}: premium_lag_y '2.5': expected a whole number from 0 to 10"),
        Cell(Insurance, Ulanqab, "property_deductible_cny", "-1", "data/finance/insurance.csv:{line}: property_deductible_cny '-1': expected from 0 to 1000000000000"),
        Cell(Insurance, Changshu, "bi_waiting_days", "\"3,5\"", "data/finance/insurance.csv:{line}: bi_waiting_days '3,5': expected a number with '.' as the decimal separator, from 0 to 365"),
        Cell(Baselines, Yizhuang, "ebitda_margin", "0", "data/finance/baselines.csv:{line}: ebitda_margin '0': expected from 0.001 to 1"),
        Cell(Baselines, Ulanqab, "revenue_cny", "23bn", "data/finance/baselines.csv:{line}: revenue_cny '23bn': expected a number, from 1 to 10000000000000"),
        Cell(Thresholds, "carbon_cost_cny,site,", "level", "fleet", "data/register/thresholds.csv:{line}: level 'fleet': expected a level: one of site, portfolio"),

        // ---- scenarios/*.yaml ----
        Edit(Ndcs, "\ndescription: >", "\ndescripton: >",
            "scenarios/ngfs-ndcs.yaml:5: (top level) 'descripton': expected a known key: one of id, name, description, physical, transition, sources (did you mean 'description'?)"),
        Edit(Ndcs, "  grid_sigma: 0.1", "  grid_sigmaa: 0.1",
            $"scenarios/ngfs-ndcs.yaml:19: transition 'grid_sigmaa': expected a known key: one of {TransitionKeys} (did you mean 'grid_sigma'?)"),
        Edit(Ndcs, "  typhoon_intensity_per_c: 0.025", "  typhon_intensity: 0.025",
            "scenarios/ngfs-ndcs.yaml:12: physical 'typhon_intensity': expected a known key: one of ssp, typhoon_intensity_per_c, correlation_length_km"),
        Edit(Ndcs, "  grid_sigma: 0.1", "\tgrid_sigma: 0.1",
            "scenarios/ngfs-ndcs.yaml:19: yaml '\\tgrid_sigma: 0.1': expected indentation with spaces (YAML does not allow tabs there)"),
        Edit(Ndcs, Coverage, Coverage.TrimEnd('}'),
            "scenarios/ngfs-ndcs.yaml:17: yaml 'carbon_coverage: {2023: 0.0, 2030: 0.1, 2040: 0.3, 2050: 0.5': expected a closing '}' for the '{' opened on this line"),
        Edit(Ndcs, "  grid_sigma: 0.1", "  grid_sigma: 0.1: 0.2",
            "scenarios/ngfs-ndcs.yaml:19: yaml 'While scanning a plain scalar value, found invalid mapping.': expected a scenario in the form of docs/data.md"),
        Edit(Ndcs, Coverage, "  carbon_coverage: {2023: 0.0, 2040: 0.3, 2030: 0.1, 2050: 0.5}",
            "scenarios/ngfs-ndcs.yaml:17: transition.carbon_coverage '2030': expected years in increasing order (previous: 2040)"),
        Edit(Ndcs, Coverage, "  carbon_coverage: {2023: 0.0, 2030: 0.1, 2030: 0.3, 2050: 0.5}",
            "scenarios/ngfs-ndcs.yaml:17: yaml '2030': expected each key once in its block (this one is already given above)"),
        Edit(Ndcs, Coverage, "  carbon_coverage: {2023: 0.0, 2030: .nan, 2040: 0.3, 2050: 0.5}",
            "scenarios/ngfs-ndcs.yaml:17: transition.carbon_coverage.2030 '.nan': expected a number from 0 to 1"),
        Edit(Ndcs, Coverage, "  carbon_coverage: {2023: 0.0, 2030: 0.1, 2040: 0.3, 2050: 1.5}",
            "scenarios/ngfs-ndcs.yaml:17: transition.carbon_coverage.2050 '1.5': expected a number from 0 to 1"),
        Edit(Ndcs, Coverage, "  carbon_coverage: {2023: 0.0, 20x0: 0.1, 2040: 0.3, 2050: 0.5}",
            "scenarios/ngfs-ndcs.yaml:17: transition.carbon_coverage '20x0': expected a calendar year from 1990 to 2200"),
        Edit(Ndcs, Coverage, "  carbon_coverage: 0.5",
            "scenarios/ngfs-ndcs.yaml:17: transition.carbon_coverage '0.5': expected a map of year: value, e.g. {2023: 68, 2030: 150}"),
        Edit(Ndcs, "  carbon_price_sigma: 0.3", "  carbon_price_sigma: .inf",
            "scenarios/ngfs-ndcs.yaml:16: transition.carbon_price_sigma '.inf': expected a number from 0 to 3"),
        Edit(Ndcs, "  discount_rate: 0.06", "  discount_rate: 0,06",
            "scenarios/ngfs-ndcs.yaml:14: transition.discount_rate '0,06': expected a number from -0.5 to 1 with '.' as the decimal separator"),
        Edit(Ndcs, "  grid_decline_rate: 0.035       # 0.53 -> ~0.20 t/MWh by 2050", "  grid_decline_rate:",
            "scenarios/ngfs-ndcs.yaml:13: transition.grid_decline_rate '': expected a value, a number from -0.5 to 0.99"),
        Edit(Ndcs, "  ssp: SSP2-4.5", "  ssp: SSP2-4.6",
            "scenarios/ngfs-ndcs.yaml:11: physical.ssp 'SSP2-4.6': expected one of SSP1-1.9, SSP1-2.6, SSP2-4.5, SSP3-7.0, SSP5-8.5 (did you mean 'SSP2-4.5'?)"),
        Edit(Ndcs, "id: ngfs-ndcs", "id: NGFS NDCs",
            "scenarios/ngfs-ndcs.yaml:3: id 'NGFS NDCs': expected a slug of lower-case letters, digits, '-' or '_'"),
        Edit(Ndcs, "sources:", "---\nsources:",
            "scenarios/ngfs-ndcs.yaml:25: yaml 'a second document': expected one scenario per file (remove the '---' line)"),
        Edit(Ndcs, "  discount_rate: MODEL §11 default 6 % real.", "  discount_rate: [6, real]",
            "scenarios/ngfs-ndcs.yaml:34: sources.discount_rate '(a list)': expected text"),
        // class 2 (Trust v2): damage and nesting that would abort the parser's process
        Edit(Ndcs, Coverage, "  carbon_coverage: " + new string('[', 33) + new string(']', 33),
            "scenarios/ngfs-ndcs.yaml:17: yaml 'more than 32 nested '[' or '{'': expected nesting at most 32 levels deep (a scenario needs 3; see docs/data.md)"),
        Whole(Ndcs, "carbon_coverage opens 200,000 '[' (would overflow the parser's stack)", p => TestInputs.ReplaceOnce(p, Coverage, "  carbon_coverage: " + new string('[', 200_000)),
            "scenarios/ngfs-ndcs.yaml:17: yaml 'more than 32 nested '[' or '{'': expected nesting at most 32 levels deep (a scenario needs 3; see docs/data.md)"),
        Whole(Ndcs, "carbon_coverage opens 50,000 nested '{a: '", p => TestInputs.ReplaceOnce(p, Coverage, "  carbon_coverage: " + string.Concat(Enumerable.Repeat("{a: ", 50_000))),
            "scenarios/ngfs-ndcs.yaml:17: yaml 'more than 32 nested '[' or '{'': expected nesting at most 32 levels deep (a scenario needs 3; see docs/data.md)"),
        Edit(Ndcs, Coverage, string.Concat(Enumerable.Range(0, 200).Select(i => new string(' ', 2 * i + 2) + $"k{i}:\n")),
            "scenarios/ngfs-ndcs.yaml:81: yaml 'indentation of more than 128 spaces': expected nesting at most 32 levels deep (a scenario needs 3; see docs/data.md)"),
        Edit(Ndcs, "  discount_rate: 0.06", "  discount_rate: 0.06\0",
            "scenarios/ngfs-ndcs.yaml:14: yaml 'column 22': expected text without control characters (found a NUL byte: the file looks damaged; restore it)"),
        Edit(Ndcs, "  discount_rate: 0.06", "  discount_rate: \u00010.06",
            "scenarios/ngfs-ndcs.yaml:14: yaml 'column 18': expected text without control characters (found control character U+0001: the file looks damaged; restore it)"),
        Edit(Ndcs, "  discount_rate: 0.06", "  discount_rate: '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['",
            "scenarios/ngfs-ndcs.yaml:14: transition.discount_rate '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[': expected a number from -0.5 to 1"),

        Edit(Delayed, GridIndex, "    default: {2023: 0.9, 2030: 0.862, 2050: 0.226}",
            "scenarios/ngfs-delayed-transition.yaml:22: transition.grid_factor_index.default '0.9 in 2023': expected a path that is 1 in 2023, the base year (it multiplies the 2023 factor of grid_factors.csv), e.g. {2023: 1, 2030: 0.86}"),
        Edit(Delayed, GridIndex, GridIndex + "\n    north_chna: {2023: 1.0, 2050: 0.1}",
            "scenarios/ngfs-delayed-transition.yaml:23: transition.grid_factor_index 'north_chna': expected 'default' or a grid of grid_factors.csv: one of national, north_china, east_china, central_china, northwest, tianjin, inner_mongolia, hebei, qinghai, anhui, sichuan, south_china (did you mean 'north_china'?)"),
        Edit(Delayed, GridIndex, "    qinghai: {2023: 1.0, 2050: 0.1}",
            "scenarios/ngfs-delayed-transition.yaml:21: transition.grid_factor_index 'qinghai': expected a 'default' path as well, for grids without their own"),
        Edit(Delayed, GridIndex, "    default: {2023: 1.0, 2030: -0.1, 2050: 0.226}",
            "scenarios/ngfs-delayed-transition.yaml:22: transition.grid_factor_index.default.2030 '-0.1': expected a number from 0 to 5"),
        Edit(Delayed, "  grid_sigma: 0.15", "  grid_decline_rate: 0.054\n  grid_sigma: 0.15",
            "scenarios/ngfs-delayed-transition.yaml:21: transition.grid_factor_index '': expected either grid_decline_rate or grid_factor_index, not both (the index replaces the constant rate)"),
        Whole(Ndcs, "only comments", p => File.WriteAllText(p, "# nothing here\n"),
            "scenarios/ngfs-ndcs.yaml: '(empty file)': expected a scenario in the form of docs/data.md"),
        Whole(Ndcs, "transition block removed", p => File.WriteAllLines(p, File.ReadAllLines(p).Take(12)),
            "scenarios/ngfs-ndcs.yaml: transition '': expected a transition block"),

        // ---- measures.csv (climaterisk compare) ----
        Edit(Measures, "protection_rp_y=100", "protection_rp=100",
            "data/measures.csv:2: changes 'protection_rp=100': expected key=value with a key one of protection_rp_y, floor_height_m, hardening, "
            + "defence_crest_m, cooling_type, pue, t_crit_c, water_storage_h, renewable_share, failover, wue_l_per_kwh (did you mean 'protection_rp_y'?)"),
        Edit(Measures, "cooling_type=direct_liquid_cooling;pue=1.12", "cooling_type=direct_liquid_cooling",
            "data/measures.csv:3: changes 'cooling_type=direct_liquid_cooling': expected pue=… with cooling_type: the new plant's annual PUE at today's climate"),
        Edit(Measures, "pue=1.12", "pue=0.9",
            "data/measures.csv:3: changes 'pue=0.9': expected pue = a number from 1 to 5"),
        Edit(Measures, ",ks-ulanqab,", ",ks-ulanqab-2,",
            "data/measures.csv:3: site_id 'ks-ulanqab-2': expected a site of the portfolio: one of ksc-beijing-yizhuang, ksc-tianjin-yixianyuan, "
            + "ksc-changshu-glp, ksc-shanghai-guanghuan, ksc-shanghai-pujiang-gds, ksc-qinghai-green, ks-ulanqab, ks-north-china-leased (did you mean 'ks-ulanqab'?)"),
        Edit(Measures, ",12000000,", ",-12000000,",
            "data/measures.csv:2: capex_cny '-12000000': expected ≥ 0"),
        Edit(Measures, "ulanqab-dlc,", "yizhuang-flood-wall,",
            "data/measures.csv:3: measure_id 'yizhuang-flood-wall': expected a unique id (this one is already used above)"),

        // ---- pue_response.csv (--pue-response, from calibrate): a mistyped id must not leave the site on the default curve ----
        Whole(PueResponse, "site id ks-ulanqab → ks-ulanqb in all its rows", p => File.WriteAllText(p, File.ReadAllText(p).Replace("\nks-ulanqab,", "\nks-ulanqb,", StringComparison.Ordinal)),
            "data/examples/synthetic_calibration/pue_response.csv:133: site_id 'ks-ulanqb': expected a site of sites.csv or candidates.csv (did you mean 'ks-ulanqab'?)"),
        Edit(PueResponse, "ksc-beijing-yizhuang,-19.5,", "ksc-beijing-yizhaung,-19.5,",
            "data/examples/synthetic_calibration/pue_response.csv:3: site_id 'ksc-beijing-yizhaung': expected a site of sites.csv or candidates.csv (did you mean 'ksc-beijing-yizhuang'?)"),
    ];

    private static readonly BadInputCase[] Catalogue = [.. Handwritten, .. Generated()];

    public static TheoryData<string> Cases => new(Catalogue.Select(c => c.Name));

    [Fact]
    public void The_catalogue_has_at_least_150_distinct_cases_over_every_file()
    {
        Catalogue.Should().HaveCountGreaterThanOrEqualTo(150);
        Catalogue.Select(c => c.Name).Should().OnlyHaveUniqueItems();
        Catalogue.Select(c => c.File).Distinct().Should().BeEquivalentTo(
            ["data/sites.csv", .. InputPaths.DataTables.Select(t => "data/" + t), .. InputPaths.OptionalDataTables.Select(t => "data/" + t), Ndcs, Delayed, Measures, PueResponse]);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_gives_exactly_these_messages(string name)
    {
        var c = Catalogue.Single(x => x.Name == name);
        using var inputs = TestInputs.Copy();
        var path = Path.Combine(inputs.Root, c.File);
        if (c.File == Measures)
        {
            File.WriteAllText(path, MeasuresSample);
        }

        var line = c.Locate(path);
        c.Break(path, line);

        Action act = c.File == Measures
            ? () => MeasureLoader.Load(path, InputLoader.Load(inputs.Paths()).Sites.Select(s => s.Id).ToArray(), InputLoader.Load(inputs.Paths()).CoolingTypes)
            : () => InputLoader.Load(inputs.Paths() with { PueResponseFile = c.File == PueResponse ? path : null });

        var errors = act.Should().Throw<InputException>().Which.Errors;
        var shown = string.Join("\n", errors.Select(e => e.ToString().Replace(inputs.Root + Path.DirectorySeparatorChar, string.Empty, StringComparison.Ordinal)));
        shown.Should().Be(c.Expected.Replace("{line}", line.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
    }

    /// <summary>Leaves a coastal site (Guanghuan) without a flood row in a data set that has no industrial damage curve.</summary>
    private static void RenameIndustrialAndDropCoastalFloodRow(string jrcPath)
    {
        var flood = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(jrcPath))!, "hazard", "flood_depth.csv");
        File.WriteAllText(jrcPath, File.ReadAllText(jrcPath).Replace("\nindustrial,", "\nfactory,", StringComparison.Ordinal));
        File.WriteAllText(flood, File.ReadAllText(flood).Replace(",industrial,", ",factory,", StringComparison.Ordinal));
        TestInputs.RemoveLine(flood, LineStarting(flood, Guanghuan));
    }

    private static void TruncateLastRow(string path, int fields)
    {
        var lines = File.ReadAllText(path).TrimEnd('\n').Split('\n');
        lines[^1] = string.Join(',', CsvLine.Spans(lines[^1]).Take(fields).Select(s => lines[^1].Substring(s.Start, s.Length)));
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
    }

    private static void ReplaceWithBytes(string path, string text, byte[] replacement)
    {
        var bytes = File.ReadAllBytes(path);
        var target = Encoding.UTF8.GetBytes(text);
        var at = bytes.AsSpan().IndexOf(target);
        File.WriteAllBytes(path, [.. bytes.AsSpan(0, at), .. replacement, .. bytes.AsSpan(at + target.Length)]);
    }

    private static void CrlfWithBom(string path, string oldText, string newText)
    {
        TestInputs.ReplaceOnce(path, oldText, newText);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\n", "\r\n", StringComparison.Ordinal), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
    }
}
