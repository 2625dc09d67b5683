using ClimateRisk.IO.Internal;
using YamlDotNet.RepresentationModel;

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

        // The loader reports what is wrong with a file; the notes only need a readable one.
        var root = YamlText.Parse(path, System.IO.File.ReadAllText(path), []) as YamlMappingNode;
        string? Scalar(string key) => root is not null && root.Children.TryGetValue(new YamlScalarNode(key), out var node) ? (node as YamlScalarNode)?.Value : null;
        var id = Scalar("id");
        if (id is null)
        {
            return null;
        }

        var name = Scalar("name");
        var sources = root!.Children.TryGetValue(new YamlScalarNode("sources"), out var block) && block is YamlMappingNode map
            ? map.Children.Select(p => new KeyValuePair<string, string>((p.Key as YamlScalarNode)?.Value ?? string.Empty, ((p.Value as YamlScalarNode)?.Value ?? string.Empty).Trim())).ToArray()
            : [];
        return new ScenarioNotes
        {
            Id = id,
            Name = string.IsNullOrWhiteSpace(name) ? id : name.Trim(),
            Description = (Scalar("description") ?? string.Empty).Trim(),
            Sources = sources,
            File = path.Replace('\\', '/'),
        };
    }
}
