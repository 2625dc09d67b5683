using ClimateRisk.IO.Internal;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace ClimateRisk.IO;

/// <summary>
/// The prose of a scenario file that the model does not use but a report shows: its name, its
/// description and its <c>sources:</c> block (docs/data.md, "scenarios/*.yaml").
/// </summary>
public sealed record ScenarioNotes
{
    /// <summary>Scenario id.</summary>
    public required string Id { get; init; }

    /// <summary>Display name.</summary>
    public required string Name { get; init; }

    /// <summary>What the scenario means for an operator (may be empty).</summary>
    public required string Description { get; init; }

    /// <summary>The <c>sources:</c> entries, item → text, in file order.</summary>
    public required IReadOnlyList<KeyValuePair<string, string>> Sources { get; init; }

    /// <summary>The scenario file it was read from.</summary>
    public required string File { get; init; }

    /// <summary>Reads the notes of a scenario file, or null when it cannot be read (the loader reports why).</summary>
    public static ScenarioNotes? Read(string path)
    {
        if (!System.IO.File.Exists(path))
        {
            return null;
        }

        ScenarioDocument? doc;
        try
        {
            var deserializer = new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).IgnoreUnmatchedProperties().Build();
            doc = deserializer.Deserialize<ScenarioDocument>(System.IO.File.ReadAllText(path));
        }
        catch (YamlException)
        {
            return null;
        }

        if (doc?.Id is null)
        {
            return null;
        }

        return new ScenarioNotes
        {
            Id = doc.Id,
            Name = string.IsNullOrWhiteSpace(doc.Name) ? doc.Id : doc.Name.Trim(),
            Description = (doc.Description ?? string.Empty).Trim(),
            Sources = (doc.Sources ?? []).Select(p => new KeyValuePair<string, string>(p.Key, (p.Value ?? string.Empty).Trim())).ToArray(),
            File = path.Replace('\\', '/'),
        };
    }
}
