using System.Globalization;
using System.Text;

namespace ClimateRisk.IO.Tests.Mutation;

/// <summary>
/// Random damage to an input file's bytes, the way files really get damaged: bit flips and
/// stray bytes, cut or doubled lines, fields replaced by awkward values (empty, NaN, huge,
/// a decimal comma, another row's value), YAML values and indentation changed. Deterministic
/// for a given <see cref="Random"/>.
/// </summary>
internal static class InputMutator
{
    private static readonly string[] CsvValues =
    [
        "", " ", "0", "-0", "-1", "1", "2", "0.5", "1.0000001", "1e308", "-1e308", "1e-320", "1e400", "NaN", "Infinity", "-Infinity", "nan", "abc",
        "\"1,5\"", "1,5", "\"", "\"\"", "2023", "2024", "1990", "2101", "99999999999", "-99999999999", "+5", " 7 ", "1_000", "0x10", "１", "∞",
        "industrial", "national", "beijing", "ksc-beijing-yizhuang", "portfolio", "SSP2-4.5", "site", "\"a\nb\"", "TRUE", "5", "1000", "365", "24", "0.99",
    ];

    private static readonly string[] YamlValues =
    [
        "", "~", "null", "0", "-1", "1", "0.5", "2", "1e308", ".nan", ".inf", "-.inf", "NaN", "abc", "0,5", "{}", "[]", "[1, 2]", "{2023: 1}",
        "{2023: x}", "{2030: 1, 2023: 2}", "{1989: 1}", "{2023: .nan}", "{2023: -5}", "'unterminated", "\"quoted\"", "&a 1", "*a", "!!binary AAAA",
        "{2023: 1, 2023: 2}", "|\n  text", "- a\n- b", "{a: {b: {c: 1}}}", "SSP9-9.9", "SSP5-8.5", "2023: 1",
    ];

    private static readonly byte[] Bytes = [(byte)',', (byte)'"', (byte)'\n', (byte)'\r', (byte)'\t', (byte)';', (byte)'{', (byte)'}', (byte)'[', (byte)':', (byte)'-', (byte)'.', (byte)'0', (byte)'9', (byte)'e', (byte)' ', (byte)'#', (byte)'&', (byte)'*', 0x00, 0xFF, 0xC3, 0xEF, 0xBB, 0xBF];

    /// <summary>Returns damaged bytes and a one-line description of the damage.</summary>
    public static (byte[] Bytes, string What) Mutate(byte[] original, bool isYaml, Random random)
    {
        return random.Next(10) switch
        {
            < 4 => MutateBytes(original, random),
            < 8 => isYaml ? MutateYamlValue(original, random) : MutateCsvField(original, random),
            _ => MutateLines(original, random),
        };
    }

    private static (byte[], string) MutateBytes(byte[] original, Random random)
    {
        var bytes = original.ToList();
        var at = random.Next(bytes.Count);
        switch (random.Next(7))
        {
            case 0:
                var bit = random.Next(8);
                bytes[at] ^= (byte)(1 << bit);
                return (bytes.ToArray(), $"bit {bit} of byte {at} flipped");
            case 1:
                var b = Bytes[random.Next(Bytes.Length)];
                bytes[at] = b;
                return (bytes.ToArray(), $"byte {at} set to 0x{b:X2}");
            case 2:
                var inserted = Bytes[random.Next(Bytes.Length)];
                bytes.Insert(at, inserted);
                return (bytes.ToArray(), $"0x{inserted:X2} inserted at {at}");
            case 3:
                var length = Math.Min(1 + random.Next(40), bytes.Count - at);
                bytes.RemoveRange(at, length);
                return (bytes.ToArray(), $"{length} bytes deleted at {at}");
            case 4:
                var copy = Math.Min(1 + random.Next(60), bytes.Count - at);
                bytes.InsertRange(at, bytes.GetRange(at, copy));
                return (bytes.ToArray(), $"{copy} bytes at {at} doubled");
            case 5:
                return (bytes.Take(at).ToArray(), $"truncated at {at}");
            default:
                var source = random.Next(bytes.Count);
                var count = Math.Min(1 + random.Next(20), Math.Min(bytes.Count - at, bytes.Count - source));
                var chunk = bytes.GetRange(source, count);
                for (var i = 0; i < count; i++)
                {
                    bytes[at + i] = chunk[i];
                }

                return (bytes.ToArray(), $"{count} bytes at {at} overwritten from {source}");
        }
    }

    private static (byte[], string) MutateCsvField(byte[] original, Random random)
    {
        var lines = Encoding.UTF8.GetString(original).Split('\n');
        var line = random.Next(lines.Length - 1 > 1 ? lines.Length - 1 : 1);
        var fields = SplitCsv(lines[line]);
        if (fields.Count == 0)
        {
            return MutateBytes(original, random);
        }

        var field = random.Next(fields.Count);
        string value;
        if (random.Next(4) == 0 && line > 0)
        {
            // Another row's value in the same column: plausible, often still valid.
            var other = SplitCsv(lines[1 + random.Next(Math.Max(1, lines.Length - 2))]);
            value = field < other.Count ? other[field] : "";
        }
        else if (random.Next(3) == 0 && double.TryParse(fields[field], NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            // The same number scaled: in range or just outside it.
            value = (number * (random.NextDouble() * 4 - 1)).ToString("R", CultureInfo.InvariantCulture);
        }
        else
        {
            value = CsvValues[random.Next(CsvValues.Length)];
        }

        fields[field] = value;
        lines[line] = string.Join(',', fields);
        return (Encoding.UTF8.GetBytes(string.Join('\n', lines)), $"line {line + 1} field {field + 1} set to '{value}'");
    }

    private static (byte[], string) MutateYamlValue(byte[] original, Random random)
    {
        var lines = Encoding.UTF8.GetString(original).Split('\n');
        var candidates = Enumerable.Range(0, lines.Length).Where(i => lines[i].Contains(": ", StringComparison.Ordinal) && !lines[i].TrimStart().StartsWith('#')).ToArray();
        if (candidates.Length == 0)
        {
            return MutateBytes(original, random);
        }

        var line = candidates[random.Next(candidates.Length)];
        var colon = lines[line].IndexOf(": ", StringComparison.Ordinal);
        switch (random.Next(4))
        {
            case 0:
                var indent = random.Next(2) == 0 ? lines[line].TrimStart() : "   " + lines[line];
                lines[line] = indent;
                return (Encoding.UTF8.GetBytes(string.Join('\n', lines)), $"line {line + 1} re-indented");
            case 1:
                var key = lines[line][..colon];
                var renamed = key.Length > 3 ? key.Remove(1 + random.Next(key.Length - 2), 1) : key + "x";
                lines[line] = renamed + lines[line][colon..];
                return (Encoding.UTF8.GetBytes(string.Join('\n', lines)), $"line {line + 1} key '{key.Trim()}' → '{renamed.Trim()}'");
            default:
                var value = YamlValues[random.Next(YamlValues.Length)];
                lines[line] = lines[line][..(colon + 2)] + value;
                return (Encoding.UTF8.GetBytes(string.Join('\n', lines)), $"line {line + 1} value set to '{value.Replace("\n", "\\n", StringComparison.Ordinal)}'");
        }
    }

    private static (byte[], string) MutateLines(byte[] original, Random random)
    {
        var lines = Encoding.UTF8.GetString(original).Split('\n').ToList();
        var line = random.Next(lines.Count);
        switch (random.Next(4))
        {
            case 0:
                lines.RemoveAt(line);
                return (Encoding.UTF8.GetBytes(string.Join('\n', lines)), $"line {line + 1} deleted");
            case 1:
                lines.Insert(line, lines[line]);
                return (Encoding.UTF8.GetBytes(string.Join('\n', lines)), $"line {line + 1} doubled");
            case 2:
                var other = random.Next(lines.Count);
                (lines[line], lines[other]) = (lines[other], lines[line]);
                return (Encoding.UTF8.GetBytes(string.Join('\n', lines)), $"lines {line + 1} and {other + 1} swapped");
            default:
                return (Encoding.UTF8.GetBytes(string.Join("\r\n", lines)), "CRLF line ends");
        }
    }

    /// <summary>Fields of a CSV line, quotes kept (so that writing them back keeps the line's shape).</summary>
    private static List<string> SplitCsv(string line)
    {
        var fields = new List<string>();
        var start = 0;
        var inQuotes = false;
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '"')
            {
                inQuotes = !inQuotes;
            }
            else if (line[i] == ',' && !inQuotes)
            {
                fields.Add(line[start..i]);
                start = i + 1;
            }
        }

        fields.Add(line[start..]);
        return fields;
    }
}
