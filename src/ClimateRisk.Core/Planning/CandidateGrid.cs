using ClimateRisk.Core.Model;

namespace ClimateRisk.Core.Planning;

/// <summary>
/// Generates a screening grid of candidate locations from template candidates: each generated
/// site copies a template and shifts its position, climate and flood hazard, so a planner can
/// screen many locations before researching a short list (and the screening scale can be
/// measured). Deterministic for a given seed.
/// </summary>
public static class CandidateGrid
{
    /// <summary>
    /// <paramref name="count"/> candidates cycling through <paramref name="templates"/>: position
    /// ±1° on a grid, monthly temperatures shifted by −2…+2 °C, flood depths scaled by 0.5…1.5.
    /// </summary>
    public static IReadOnlyList<Site> Generate(IReadOnlyList<Site> templates, int count, int seed = 1)
    {
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (templates.Count == 0)
        {
            throw new ArgumentException("Need at least one template candidate.", nameof(templates));
        }

        var random = new System.Random(seed);
        var sites = new Site[count];
        for (var i = 0; i < count; i++)
        {
            var template = templates[i % templates.Count];
            var side = (int)Math.Ceiling(Math.Sqrt(count / (double)templates.Count));
            var cell = i / templates.Count;
            var shiftC = -2 + (4 * random.NextDouble());
            var floodScale = 0.5 + random.NextDouble();
            sites[i] = template with
            {
                Id = $"{template.Id}-g{i:D4}",
                Name = $"{template.Name} grid {i}",
                Latitude = template.Latitude - 1 + (2.0 * (cell / side) / Math.Max(1, side - 1)),
                Longitude = template.Longitude - 1 + (2.0 * (cell % side) / Math.Max(1, side - 1)),
                Climate = template.Climate with
                {
                    MonthlyMeanC = template.Climate.MonthlyMeanC.Select(t => t + shiftC).ToArray(),
                    SummerTmaxMeanC = template.Climate.SummerTmaxMeanC + shiftC,
                },
                Flood = template.Flood is { } flood ? flood with { DepthsM = flood.DepthsM.Select(d => d * floodScale).ToArray() } : null,
            };
        }

        return sites;
    }
}
