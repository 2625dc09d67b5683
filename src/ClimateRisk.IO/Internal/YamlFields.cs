using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ClimateRisk.IO.Internal;

/// <summary>
/// Typed reads of YAML nodes that record every problem with its line, field, value as written
/// and what was expected, instead of stopping at the first one as a deserializer does.
/// </summary>
internal sealed class YamlFields(string path, List<InputError> errors)
{
    public const string TopLevel = "(top level)";

    public string Path { get; } = path;

    public List<InputError> Errors { get; } = errors;

    public static int Line(YamlNode node) => (int)node.Start.Line;

    /// <summary>An absent value: an empty, <c>~</c> or <c>null</c> plain scalar.</summary>
    public static bool IsNull(YamlNode? node)
        => node is null || (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL");

    /// <summary>The node as shown in a message: a scalar's text as written, else what kind of node it is.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value ?? string.Empty,
        YamlMappingNode => "(a map)",
        YamlSequenceNode => "(a list)",
        _ => "(?)",
    };

    public void Error(int line, string field, string value, string expected) => Errors.Add(new InputError(Path, line, field, value, expected));

    /// <summary>
    /// The entries of a mapping by key. Keys not in <paramref name="knownKeys"/> are reported
    /// with the nearest known name (null = any key allowed).
    /// </summary>
    public Dictionary<string, (int Line, YamlNode Value)>? Mapping(YamlNode node, string field, IReadOnlyCollection<string>? knownKeys, string expected)
    {
        if (node is not YamlMappingNode map)
        {
            Error(Line(node), field, Describe(node), expected);
            return null;
        }

        var result = new Dictionary<string, (int, YamlNode)>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } key })
            {
                Error(Line(keyNode), field.Length == 0 ? TopLevel : field, Describe(keyNode), "a key name");
                continue;
            }

            if (knownKeys is not null && !knownKeys.Contains(key))
            {
                Error(Line(keyNode), field.Length == 0 ? TopLevel : field, key, "a known key: " + NameSuggester.ExpectedOneOf(key, knownKeys));
                continue;
            }

            result[key] = (Line(keyNode), value);
        }

        return result;
    }

    /// <summary>A text value; null when absent.</summary>
    public string? Text(YamlNode? node, string field)
    {
        if (IsNull(node))
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar.Value;
        }

        Error(Line(node!), field, Describe(node!), "text");
        return null;
    }

    /// <summary>A finite number within [min, max]; null when absent; NaN (recorded) when invalid.</summary>
    public double? Number(YamlNode? node, string field, double min, double max, string? expected = null)
    {
        if (IsNull(node))
        {
            return null;
        }

        var text = Describe(node!);
        if (node is YamlScalarNode scalar && TryParseNumber(scalar, out var value) && double.IsFinite(value) && value >= min && value <= max)
        {
            return value;
        }

        var hint = node is YamlScalarNode && text.Contains(',', StringComparison.Ordinal) ? " with '.' as the decimal separator" : string.Empty;
        Error(Line(node!), field, text, (expected ?? Range(min, max)) + hint);
        return double.NaN;
    }

    /// <summary>
    /// A map of calendar year to value, in increasing year order (MODEL: linear between the
    /// given years). Null, with the problems recorded, when absent or invalid.
    /// </summary>
    public List<(int Year, double Value)>? YearMap(YamlNode? node, int parentLine, string field, double min, double max)
    {
        const string Expected = "a map of year: value, e.g. {2023: 68, 2030: 150}";
        if (IsNull(node))
        {
            Error(parentLine, field, string.Empty, Expected);
            return null;
        }

        if (node is not YamlMappingNode map || map.Children.Count == 0)
        {
            Error(Line(node!), field, node is YamlMappingNode ? string.Empty : Describe(node!), Expected);
            return null;
        }

        var points = new List<(int, double)>();
        var ok = true;
        int? previous = null;
        foreach (var (keyNode, valueNode) in map.Children)
        {
            var keyText = Describe(keyNode);
            if (keyNode is not YamlScalarNode || !int.TryParse(keyText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1990 || year > 2200)
            {
                Error(Line(keyNode), field, keyText, "a calendar year from 1990 to 2200");
                ok = false;
                continue;
            }

            if (previous is { } before && year <= before)
            {
                Error(Line(keyNode), field, keyText, string.Create(CultureInfo.InvariantCulture, $"years in increasing order (previous: {before})"));
                ok = false;
            }

            previous = year;
            var value = Number(valueNode, string.Create(CultureInfo.InvariantCulture, $"{field}.{keyText}"), min, max);
            if (value is not { } v || double.IsNaN(v))
            {
                if (value is null)
                {
                    Error(Line(keyNode), string.Create(CultureInfo.InvariantCulture, $"{field}.{keyText}"), string.Empty, Range(min, max));
                }

                ok = false;
                continue;
            }

            points.Add((year, v));
        }

        return ok ? points : null;
    }

    public static string Range(double min, double max)
        => double.IsPositiveInfinity(max)
            ? (double.IsNegativeInfinity(min) ? "a finite number" : $"a number ≥ {CsvText.RoundTrip(min)}")
            : $"a number from {CsvText.RoundTrip(min)} to {CsvText.RoundTrip(max)}";

    /// <summary>YAML core-schema floats: decimal and exponent forms, plus .inf / .nan (which the callers then reject).</summary>
    private static bool TryParseNumber(YamlScalarNode scalar, out double value)
    {
        var text = scalar.Value ?? string.Empty;
        switch (text)
        {
            case ".nan" or ".NaN" or ".NAN":
                value = double.NaN;
                return true;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                value = double.PositiveInfinity;
                return true;
            case "-.inf" or "-.Inf" or "-.INF":
                value = double.NegativeInfinity;
                return true;
            default:
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }
    }
}
