using ClimateRisk.Core.Model;
using ClimateRisk.IO.Internal;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ClimateRisk.IO;

/// <summary>Reads and checks scenario YAML files (docs/data.md, "scenarios/*.yaml").</summary>
public static class ScenarioLoader
{
    private static readonly string[] CorrelationKeys = ["heat", "flood", "surge", "wind"];

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

        ScenarioDocument? doc;
        try
        {
            var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).WithDuplicateKeyChecking().Build();
            doc = deserializer.Deserialize<ScenarioDocument>(File.ReadAllText(path));
        }
        catch (YamlException ex)
        {
            var message = ex.InnerException?.Message ?? ex.Message;
            errors.Add(new InputError(path, (int)ex.Start.Line, "yaml", Short(message), "a scenario in the form of docs/data.md"));
            return null;
        }

        if (doc is null)
        {
            errors.Add(new InputError(path, 0, string.Empty, "(empty file)", "a scenario in the form of docs/data.md"));
            return null;
        }

        var before = errors.Count;
        void Missing(string field, string expected) => errors.Add(new InputError(path, 0, field, string.Empty, expected));

        if (string.IsNullOrWhiteSpace(doc.Id) || !doc.Id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_'))
        {
            errors.Add(new InputError(path, 0, "id", doc.Id ?? string.Empty, "a slug of lower-case letters, digits, '-' or '_'"));
        }

        if (doc.Physical?.Ssp is not { } ssp || !knownSsps.Contains(ssp))
        {
            errors.Add(new InputError(path, 0, "physical.ssp", doc.Physical?.Ssp ?? string.Empty, NameSuggester.ExpectedOneOf(doc.Physical?.Ssp ?? string.Empty, knownSsps)));
        }

        var lengths = new CorrelationLengths();
        if (doc.Physical?.CorrelationLengthKm is { } given)
        {
            foreach (var (key, value) in given)
            {
                if (!CorrelationKeys.Contains(key))
                {
                    errors.Add(new InputError(path, 0, "physical.correlation_length_km", key, NameSuggester.ExpectedOneOf(key, CorrelationKeys)));
                }
                else if (!(value > 0) || !double.IsFinite(value))
                {
                    errors.Add(new InputError(path, 0, $"physical.correlation_length_km.{key}", Format(value), "a positive length in km"));
                }
            }

            lengths = new CorrelationLengths
            {
                HeatKm = given.GetValueOrDefault("heat", lengths.HeatKm),
                FloodKm = given.GetValueOrDefault("flood", lengths.FloodKm),
                SurgeKm = given.GetValueOrDefault("surge", lengths.SurgeKm),
                WindKm = given.GetValueOrDefault("wind", lengths.WindKm),
            };
        }

        var t = doc.Transition;
        if (t is null)
        {
            Missing("transition", "a transition block");
            return null;
        }

        var carbon = Curve(path, "transition.carbon_price_cny_per_t", t.CarbonPriceCnyPerT, 0, double.PositiveInfinity, errors);
        var coverage = Curve(path, "transition.carbon_coverage", t.CarbonCoverage, 0, 1, errors);
        var escalation = Curve(path, "transition.electricity_escalation", t.ElectricityEscalation, 0, double.PositiveInfinity, errors);
        var premium = Curve(path, "transition.renewable_premium_cny_per_mwh", t.RenewablePremiumCnyPerMwh, double.NegativeInfinity, double.PositiveInfinity, errors);
        var discount = Scalar(path, "transition.discount_rate", t.DiscountRate, 0.06, -0.5, 1, errors);
        var gridDecline = Scalar(path, "transition.grid_decline_rate", t.GridDeclineRate, double.NaN, -0.5, 0.99, errors);
        var carbonSigma = Scalar(path, "transition.carbon_price_sigma", t.CarbonPriceSigma, 0.3, 0, 3, errors);
        var gridSigma = Scalar(path, "transition.grid_sigma", t.GridSigma, 0.1, 0, 3, errors);
        var electricitySigma = Scalar(path, "transition.electricity_sigma", t.ElectricitySigma, 0.1, 0, 3, errors);
        var passThrough = Scalar(path, "transition.carbon_pass_through", t.CarbonPassThrough, 0, 0, 1, errors);
        var typhoon = Scalar(path, "physical.typhoon_intensity_per_c", doc.Physical?.TyphoonIntensityPerC, 0.025, -0.5, 0.5, errors);

        if (errors.Count > before || carbon is null || coverage is null || escalation is null || premium is null)
        {
            return null;
        }

        return new Scenario
        {
            Id = doc.Id!,
            Name = string.IsNullOrWhiteSpace(doc.Name) ? doc.Id! : doc.Name,
            Ssp = doc.Physical!.Ssp!,
            TyphoonIntensityPerC = typhoon,
            CorrelationLengthsKm = lengths,
            DiscountRate = discount,
            CarbonPriceCnyPerT = carbon,
            CarbonPriceSigma = carbonSigma,
            CarbonCoverage = coverage,
            GridDeclineRate = gridDecline,
            GridSigma = gridSigma,
            ElectricityEscalation = escalation,
            ElectricitySigma = electricitySigma,
            CarbonPassThrough = passThrough,
            RenewablePremiumCnyPerMwh = premium,
        };
    }

    private static YearCurve? Curve(string path, string field, Dictionary<int, double>? points, double min, double max, List<InputError> errors)
    {
        if (points is null || points.Count == 0)
        {
            errors.Add(new InputError(path, 0, field, string.Empty, "a map of year: value, e.g. {2023: 68, 2030: 150}"));
            return null;
        }

        var ok = true;
        foreach (var (year, value) in points)
        {
            if (year < 1990 || year > 2200)
            {
                errors.Add(new InputError(path, 0, field, year.ToString(System.Globalization.CultureInfo.InvariantCulture), "a calendar year from 1990 to 2200"));
                ok = false;
            }

            if (!double.IsFinite(value) || value < min || value > max)
            {
                errors.Add(new InputError(path, 0, $"{field}.{year}", Format(value), Range(min, max)));
                ok = false;
            }
        }

        return ok ? new YearCurve(points.OrderBy(p => p.Key).Select(p => (p.Key, p.Value)).ToArray()) : null;
    }

    private static double Scalar(string path, string field, double? value, double fallback, double min, double max, List<InputError> errors)
    {
        if (value is null)
        {
            if (double.IsNaN(fallback))
            {
                errors.Add(new InputError(path, 0, field, string.Empty, $"a value, {Range(min, max)}"));
            }

            return fallback;
        }

        if (!double.IsFinite(value.Value) || value < min || value > max)
        {
            errors.Add(new InputError(path, 0, field, Format(value.Value), Range(min, max)));
        }

        return value.Value;
    }

    private static string Format(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    private static string Range(double min, double max)
        => double.IsPositiveInfinity(max)
            ? (double.IsNegativeInfinity(min) ? "a finite number" : $"a number ≥ {Format(min)}")
            : $"a number from {Format(min)} to {Format(max)}";

    private static string Short(string message)
    {
        var firstLine = message.Split('\n')[0];
        return firstLine.Length > 200 ? firstLine[..200] : firstLine;
    }
}
