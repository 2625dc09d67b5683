using ClimateRisk.Core.Model;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Properties;

/// <summary>
/// Protection monotonicity on common random numbers: a stronger flood defence, a higher
/// coastal defence crest, more hardening or more failover never raises a path's loss (the
/// hazard draws do not depend on these parameters, MODEL §6–§8). A higher floor lowers the
/// mean damage ratio (the JRC curve rises with depth), but not path by path (the Beta's spread
/// changes with depth too), so it is checked on the paired mean.
/// </summary>
public sealed class ProtectionMonotonicityTests
{
    private static readonly int[] Years = [2030, 2050];

    private static Dictionary<(int Scenario, int Year, Metric Metric, int Site), double[]> Losses(ModelInputs inputs, SimulationSettings settings)
    {
        var result = new Dictionary<(int, int, Metric, int), double[]>();
        Metric[] metrics = [Metric.FloodDirectCny, Metric.FloodBiCny, Metric.SurgeDirectCny, Metric.SurgeBiCny, Metric.WindBiCny, Metric.HeatBiCny, Metric.DroughtBiCny, Metric.PhysicalLossCny];
        KernelHarness.ForEachScenarioYear(inputs, settings, Years, (k, year, buffers) =>
        {
            foreach (var metric in metrics)
            {
                for (var s = 0; s <= inputs.Sites.Count; s++)
                {
                    result[(k, year, metric, s)] = buffers.Cell(metric, s).ToArray();
                }
            }
        });
        return result;
    }

    /// <summary>Paths whose loss the stronger protection raised; also checks that it lowered some (the test is not vacuous).</summary>
    private static int Raised(ModelInputs weaker, ModelInputs stronger, SimulationSettings settings, params Metric[] metrics)
    {
        var before = Losses(weaker, settings);
        var after = Losses(stronger, settings);
        int raised = 0, lowered = 0;
        foreach (var ((k, year, metric, site), values) in before.Where(p => metrics.Contains(p.Key.Metric)))
        {
            raised += values.Zip(after[(k, year, metric, site)]).Count(p => p.Second > p.First * (1 + 1e-12));
            lowered += values.Zip(after[(k, year, metric, site)]).Count(p => p.Second < p.First);
        }

        lowered.Should().BeGreaterThan(0, "the stronger protection must matter on some paths for the test to mean anything");
        return raised;
    }

    private static SimulationSettings Settings(int seed) => new() { Paths = 400, FirstYear = 2025, LastYear = 2050, Seed = (ulong)seed };

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    public void A_higher_flood_defence_standard_never_raises_a_paths_flood_loss(int seed)
    {
        var inputs = RandomPortfolio.Generate(seed);
        var stronger = inputs with
        {
            Sites = inputs.Sites.Select(s => s.Flood is null ? s : s with { Flood = s.Flood with { ProtectionRpY = Math.Max(50, s.Flood.ProtectionRpY * 4) } }).ToArray(),
        };

        Raised(inputs, stronger, Settings(seed), Metric.FloodDirectCny, Metric.FloodBiCny, Metric.PhysicalLossCny).Should().Be(0);
    }

    [Theory]
    [InlineData(33)]
    [InlineData(34)]
    public void A_higher_coastal_defence_crest_never_raises_a_paths_surge_loss(int seed)
    {
        var inputs = RandomPortfolio.Generate(seed);
        var stronger = inputs with
        {
            Sites = inputs.Sites.Select(s => s.Surge is null ? s : s with { Surge = s.Surge with { DefenceCrestM = s.Surge.DefenceCrestM + 0.4 } }).ToArray(),
        };

        Raised(inputs, stronger, Settings(seed), Metric.SurgeDirectCny, Metric.SurgeBiCny, Metric.PhysicalLossCny).Should().Be(0);
    }

    [Theory]
    [InlineData(35)]
    public void More_hardening_and_more_failover_never_raise_a_paths_loss(int seed)
    {
        var inputs = RandomPortfolio.Generate(seed);
        var stronger = inputs with
        {
            Sites = inputs.Sites.Select(s => (s with { Failover = Math.Min(1, s.Failover + 0.2) }) is var raised && s.Flood is not null
                ? raised with { Flood = s.Flood with { Hardening = Math.Min(1, s.Flood.Hardening + 0.3) } }
                : raised).ToArray(),
        };

        Raised(inputs, stronger, Settings(seed), Metric.FloodDirectCny, Metric.FloodBiCny, Metric.SurgeDirectCny, Metric.SurgeBiCny, Metric.WindBiCny,
            Metric.HeatBiCny, Metric.DroughtBiCny, Metric.PhysicalLossCny).Should().Be(0);
    }

    [Theory]
    [InlineData(36)]
    [InlineData(37)]
    public void A_higher_floor_does_not_raise_the_mean_flood_loss(int seed)
    {
        var inputs = RandomPortfolio.Generate(seed);
        var raised = inputs with
        {
            Sites = inputs.Sites.Select(s => s.Flood is null ? s : s with { Flood = s.Flood with { FloorHeightM = s.Flood.FloorHeightM + 0.5 } }).ToArray(),
        };
        var settings = Settings(seed) with { Paths = 2_000 };
        var before = Losses(inputs, settings);
        var after = Losses(raised, settings);

        foreach (var ((k, year, metric, site), values) in before.Where(p => p.Key.Metric is Metric.FloodDirectCny or Metric.FloodBiCny))
        {
            // Paired difference lower − higher floor: its mean must not be significantly negative.
            var difference = values.Zip(after[(k, year, metric, site)], (low, high) => low - high).ToArray();
            var mean = difference.Average();
            var se = Math.Sqrt(difference.Sum(d => (d - mean) * (d - mean)) / (difference.Length - 1) / difference.Length);
            mean.Should().BeGreaterThanOrEqualTo(-3 * se, $"{metric.Name()} of site {site} in scenario {k}, {year}");
        }
    }
}
