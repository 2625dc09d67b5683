using ClimateRisk.IO;

namespace ClimateRisk.Cli.Internal;

/// <summary>
/// Lists, per scenario file, the optional keys it left out and the defaults used instead
/// (<see cref="ScenarioLoader.DefaultsUsed"/>): a default applied silently would look like a choice.
/// </summary>
internal static class ScenarioDefaultsEcho
{
    /// <summary>
    /// One line per set of scenario files that fall back to the same defaults, e.g.
    /// <c>scenario ngfs-ndcs.yaml: defaults used (docs/data.md): transition.discount_rate = 0.06, …</c>
    /// (files sharing the same list on one line: the bundled ones all leave out the correlation lengths).
    /// </summary>
    public static void Write(IEnumerable<string> scenarioFiles, TextWriter output)
    {
        var groups = scenarioFiles
            .Select(file => (Name: Path.GetFileName(file), Used: string.Join(", ", ScenarioLoader.DefaultsUsed(file))))
            .Where(f => f.Used.Length > 0)
            .GroupBy(f => f.Used, StringComparer.Ordinal);
        foreach (var group in groups)
        {
            var names = group.Select(f => f.Name).ToList();
            output.WriteLine($"{(names.Count == 1 ? "scenario" : "scenarios")} {string.Join(", ", names)}: defaults used (docs/data.md): {group.Key}");
        }
    }
}
