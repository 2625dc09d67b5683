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
        "discount_rate", "carbon_price_cny_per_t", "carbon_price_sigma", "carbon_coverage", "grid_decline_rate", "grid_sigma",
        "electricity_escalation", "electricity_sigma", "carbon_pass_through", "renewable_premium_cny_per_mwh",
    ];

    /// <summary>
    /// The optional keys a scenario file leaves out and the defaults used instead (docs/data.md,
    /// "Optional keys and their defaults"), as <c>transition.discount_rate = 0.06</c>, for the run
    /// summary and <c>validate</c> to echo: a default applied silently would look like a choice.
    /// </summary>
    public static IReadOnlyList<string> DefaultsUsed(string path)
    {
        var quiet = new List<InputError>();
        if (TextFile.Read(path, quiet) is not { } text || YamlText.Parse(path, text, quiet) is not YamlMappingNode root)
        {
            return [];
        }

        bool Has(YamlMappingNode? block, string key) => block is not null && block.Children.ContainsKey(new YamlScalarNode(key));
        YamlMappingNode? Block(string key) => root.Children.TryGetValue(new YamlScalarNode(key), out var node) ? node as YamlMappingNode : null;
        var physical = Block("physical");
        var transition = Block("transition");
        var lengths = physical is not null && physical.Children.TryGetValue(new YamlScalarNode("correlation_length_km"), out var l) ? l as YamlMappingNode : null;
        var used = new List<string>();
        if (!Has(root, "name"))
        {
            used.Add("name = the id");
        }

        foreach (var (block, key, value) in Defaults)
        {
            var holder = block switch { "physical" => physical, "transition" => transition, _ => lengths };
            if (!Has(holder, key))
            {
                used.Add($"{block}.{key} = {value}");
            }
        }

        return used;
    }

    /// <summary>Optional keys and their defaults, as documented in docs/data.md.</summary>
    private static readonly (string Block, string Key, string Value)[] Defaults =
    [
        ("physical", "typhoon_intensity_per_c", "0.025"),
        ("physical.correlation_length_km", "heat", "1000"),
        ("physical.correlation_length_km", "flood", "250"),
        ("physical.correlation_length_km", "surge", "300"),
        ("physical.correlation_length_km", "wind", "400"),
        ("transition", "discount_rate", "0.06"),
        ("transition", "carbon_price_sigma", "0.3"),
        ("transition", "grid_sigma", "0.1"),
        ("transition", "electricity_sigma", "0.1"),
        ("transition", "carbon_pass_through", "0"),
    ];

    /// <summary>Reads one scenario; problems are appended to <paramref name="errors"/> and null returned.</summary>
    public static Scenario? Load(string path, IReadOnlyCollection<string> knownSsps, List<InputError> errors)
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
        if (gridDecline is null)
        {
            y.Error(at, "transition.grid_decline_rate", string.Empty, $"a value, {YamlFields.Range(-0.5, 0.99)}");
        }

        var carbonSigma = y.Number(Get(t, "carbon_price_sigma"), "transition.carbon_price_sigma", 0, 3) ?? 0.3;
        var gridSigma = y.Number(Get(t, "grid_sigma"), "transition.grid_sigma", 0, 3) ?? 0.1;
        var electricitySigma = y.Number(Get(t, "electricity_sigma"), "transition.electricity_sigma", 0, 3) ?? 0.1;
        var passThrough = y.Number(Get(t, "carbon_pass_through"), "transition.carbon_pass_through", 0, 1) ?? 0;

        if (errors.Count > before || carbon is null || coverage is null || escalation is null || premium is null || gridDecline is not { } decline)
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
            GridDeclineRate = decline,
            GridSigma = gridSigma,
            ElectricityEscalation = new YearCurve(escalation),
            ElectricitySigma = electricitySigma,
            CarbonPassThrough = passThrough,
            RenewablePremiumCnyPerMwh = new YearCurve(premium),
        };
    }
}
