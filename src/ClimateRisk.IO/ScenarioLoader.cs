using ClimateRisk.Core.Model;
using ClimateRisk.IO.Internal;
using YamlDotNet.RepresentationModel;

namespace ClimateRisk.IO;

/// <summary>
/// Reads and checks scenario YAML files (docs/data.md, "scenarios/*.yaml"). The file is read as
/// YAML nodes and checked key by key rather than deserialised, so that every problem is
/// reported at once with its line, unknown keys get the nearest known name, and values are
/// shown as written.
/// </summary>
public static class ScenarioLoader
{
    private static readonly string[] TopKeys = ["id", "name", "description", "physical", "transition", "sources"];
    private static readonly string[] PhysicalKeys = ["ssp", "typhoon_intensity_per_c", "correlation_length_km"];
    private static readonly string[] CorrelationKeys = ["heat", "flood", "surge", "wind"];

    private static readonly string[] TransitionKeys =
    [
        "discount_rate", "carbon_price_cny_per_t", "carbon_price_sigma", "carbon_coverage", "grid_decline_rate", "grid_factor_index", "grid_sigma",
        "electricity_escalation", "electricity_sigma", "carbon_pass_through", "renewable_premium_cny_per_mwh",
    ];

    /// <summary>Reads one scenario; problems are appended to <paramref name="errors"/> and null returned.</summary>
    /// <param name="path">The YAML file.</param>
    /// <param name="knownSsps">SSP keys of the climate tables.</param>
    /// <param name="errors">Where problems are appended.</param>
    /// <param name="knownGrids">Grid keys of grid_factors.csv, to check the keys of <c>grid_factor_index</c>; null = not checked.</param>
    public static Scenario? Load(string path, IReadOnlyCollection<string> knownSsps, List<InputError> errors, IReadOnlyCollection<string>? knownGrids = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(knownSsps);
        if (!File.Exists(path))
        {
            errors.Add(new InputError(path, 0, string.Empty, string.Empty, "an existing scenario file"));
            return null;
        }

        if (TextFile.Read(path, errors) is not { } text || YamlText.Parse(path, text, errors) is not { } root)
        {
            return null;
        }

        var before = errors.Count;
        var y = new YamlFields(path, errors);
        var top = y.Mapping(root, string.Empty, TopKeys, "a scenario in the form of docs/data.md (keys id, name, physical, transition, sources)");
        if (top is null)
        {
            return null;
        }

        YamlNode? Get(Dictionary<string, (int Line, YamlNode Value)>? block, string key) => block is not null && block.TryGetValue(key, out var entry) ? entry.Value : null;

        var id = y.Text(Get(top, "id"), "id");
        if (string.IsNullOrEmpty(id) || !Slug.IsValidOrEmpty(id))
        {
            y.Error(top.TryGetValue("id", out var idEntry) ? idEntry.Line : 0, "id", id ?? string.Empty, Slug.Expected);
        }

        var name = y.Text(Get(top, "name"), "name");
        y.Text(Get(top, "description"), "description");
        if (Get(top, "sources") is { } sources && !YamlFields.IsNull(sources)
            && y.Mapping(sources, "sources", null, "a map of item: where its numbers come from") is { } items)
        {
            foreach (var (item, (_, note)) in items)
            {
                y.Text(note, $"sources.{item}");
            }
        }

        // physical
        Dictionary<string, (int Line, YamlNode Value)>? physical = null;
        if (top.TryGetValue("physical", out var physicalEntry) && !YamlFields.IsNull(physicalEntry.Value))
        {
            physical = y.Mapping(physicalEntry.Value, "physical", PhysicalKeys, "a block with ssp (and optionally typhoon_intensity_per_c, correlation_length_km)");
        }
        else
        {
            y.Error(top.TryGetValue("physical", out var p) ? p.Line : 0, "physical", string.Empty, "a block with ssp (and optionally typhoon_intensity_per_c, correlation_length_km)");
        }

        var ssp = physical is null ? null : y.Text(Get(physical, "ssp"), "physical.ssp");
        if (physical is not null && (ssp is null || !knownSsps.Contains(ssp)))
        {
            var line = physical.TryGetValue("ssp", out var sspEntry) ? sspEntry.Line : physicalEntry.Line;
            y.Error(line, "physical.ssp", ssp ?? string.Empty, NameSuggester.ExpectedOneOf(ssp ?? string.Empty, knownSsps));
        }

        var typhoon = y.Number(Get(physical, "typhoon_intensity_per_c"), "physical.typhoon_intensity_per_c", -0.5, 0.5) ?? 0.025;
        var lengths = new CorrelationLengths();
        if (Get(physical, "correlation_length_km") is { } lengthNode && !YamlFields.IsNull(lengthNode)
            && y.Mapping(lengthNode, "physical.correlation_length_km", CorrelationKeys, "a map of peril: length in km, e.g. {heat: 1000, flood: 250}") is { } given)
        {
            double Length(string key, double fallback)
            {
                var value = y.Number(Get(given, key), $"physical.correlation_length_km.{key}", double.Epsilon, 100_000, "a positive length in km, at most 100000");
                return value is { } v && !double.IsNaN(v) ? v : fallback;
            }

            lengths = new CorrelationLengths
            {
                HeatKm = Length("heat", lengths.HeatKm),
                FloodKm = Length("flood", lengths.FloodKm),
                SurgeKm = Length("surge", lengths.SurgeKm),
                WindKm = Length("wind", lengths.WindKm),
            };
        }

        // transition
        if (!top.TryGetValue("transition", out var transitionEntry) || YamlFields.IsNull(transitionEntry.Value))
        {
            y.Error(top.TryGetValue("transition", out var t0) ? t0.Line : 0, "transition", string.Empty, "a transition block");
            return null;
        }

        var t = y.Mapping(transitionEntry.Value, "transition", TransitionKeys, "a transition block");
        if (t is null)
        {
            return null;
        }

        var at = transitionEntry.Line;
        var carbon = y.YearMap(Get(t, "carbon_price_cny_per_t"), at, "transition.carbon_price_cny_per_t", 0, 1e6);
        var coverage = y.YearMap(Get(t, "carbon_coverage"), at, "transition.carbon_coverage", 0, 1);
        var escalation = y.YearMap(Get(t, "electricity_escalation"), at, "transition.electricity_escalation", 0, 100);
        var premium = y.YearMap(Get(t, "renewable_premium_cny_per_mwh"), at, "transition.renewable_premium_cny_per_mwh", -1e5, 1e5);
        var discount = y.Number(Get(t, "discount_rate"), "transition.discount_rate", -0.5, 1) ?? 0.06;
        var gridDecline = y.Number(Get(t, "grid_decline_rate"), "transition.grid_decline_rate", -0.5, 0.99);
        var gridIndex = Get(t, "grid_factor_index") is { } indexNode && !YamlFields.IsNull(indexNode)
            ? GridFactorIndex(y, indexNode, t["grid_factor_index"].Line, knownGrids)
            : null;
        var gridIndexGiven = t.ContainsKey("grid_factor_index");
        if (gridDecline is null && !gridIndexGiven)
        {
            y.Error(at, "transition.grid_decline_rate", string.Empty, $"a value, {YamlFields.Range(-0.5, 0.99)}");
        }
        else if (t.ContainsKey("grid_decline_rate") && gridIndexGiven)
        {
            y.Error(t["grid_factor_index"].Line, "transition.grid_factor_index", string.Empty,
                "either grid_decline_rate or grid_factor_index, not both (the index replaces the constant rate)");
        }

        var carbonSigma = y.Number(Get(t, "carbon_price_sigma"), "transition.carbon_price_sigma", 0, 3) ?? 0.3;
        var gridSigma = y.Number(Get(t, "grid_sigma"), "transition.grid_sigma", 0, 3) ?? 0.1;
        var electricitySigma = y.Number(Get(t, "electricity_sigma"), "transition.electricity_sigma", 0, 3) ?? 0.1;
        var passThrough = y.Number(Get(t, "carbon_pass_through"), "transition.carbon_pass_through", 0, 1) ?? 0;

        if (errors.Count > before || carbon is null || coverage is null || escalation is null || premium is null || (gridDecline is null && gridIndex is null))
        {
            return null;
        }

        return new Scenario
        {
            Id = id!,
            Name = string.IsNullOrWhiteSpace(name) ? id! : name,
            Ssp = ssp!,
            TyphoonIntensityPerC = typhoon,
            CorrelationLengthsKm = lengths,
            DiscountRate = discount,
            CarbonPriceCnyPerT = new YearCurve(carbon),
            CarbonPriceSigma = carbonSigma,
            CarbonCoverage = new YearCurve(coverage),
            GridDeclineRate = gridIndex is null ? gridDecline : null,
            GridFactorIndex = gridIndex,
            GridSigma = gridSigma,
            ElectricityEscalation = new YearCurve(escalation),
            ElectricitySigma = electricitySigma,
            CarbonPassThrough = passThrough,
            RenewablePremiumCnyPerMwh = new YearCurve(premium),
        };
    }

    /// <summary>
    /// <c>grid_factor_index</c>: a map of grid key (or <c>default</c>) to a year map of the
    /// multiplier of the site's base-year grid factor. Each path must be 1 at the base year, so
    /// that it starts from the observed factor; <c>default</c> is required so that every grid
    /// has a path.
    /// </summary>
    private static Dictionary<string, YearCurve>? GridFactorIndex(YamlFields y, YamlNode node, int line, IReadOnlyCollection<string>? knownGrids)
    {
        const string Field = "transition.grid_factor_index";
        const int BaseYear = Core.Simulation.SimulationSettings.BaseYear;
        var expected = $"a map of grid: {{year: multiplier of the {BaseYear} grid factor}}, with a '{Scenario.DefaultGridKey}' path, e.g. {{default: {{{BaseYear}: 1, 2030: 0.86, 2050: 0.23}}}}";
        if (y.Mapping(node, Field, null, expected) is not { } grids)
        {
            return null;
        }

        var result = new Dictionary<string, YearCurve>(StringComparer.Ordinal);
        var ok = true;
        foreach (var (grid, (gridLine, value)) in grids)
        {
            var field = $"{Field}.{grid}";
            if (grid != Scenario.DefaultGridKey && knownGrids is not null && !knownGrids.Contains(grid))
            {
                y.Error(gridLine, Field, grid, $"'{Scenario.DefaultGridKey}' or a grid of grid_factors.csv: {NameSuggester.ExpectedOneOf(grid, knownGrids)}");
                ok = false;
                continue;
            }

            if (y.YearMap(value, gridLine, field, 0, 5) is not { } points)
            {
                ok = false;
                continue;
            }

            var curve = new YearCurve(points);
            if (curve.At(BaseYear) != 1)
            {
                y.Error(gridLine, field, CsvText.RoundTrip(curve.At(BaseYear)) + $" in {BaseYear}",
                    $"a path that is 1 in {BaseYear}, the base year (it multiplies the {BaseYear} factor of grid_factors.csv), e.g. {{{BaseYear}: 1, 2030: 0.86}}");
                ok = false;
                continue;
            }

            result[grid] = curve;
        }

        if (ok && !result.ContainsKey(Scenario.DefaultGridKey))
        {
            y.Error(line, Field, string.Join(", ", grids.Keys), $"a '{Scenario.DefaultGridKey}' path as well, for grids without their own");
            ok = false;
        }

        return ok ? result : null;
    }
}
