using ClimateRisk.Core.Simulation;

namespace ClimateRisk.Core.Tests.Simulation;

public class SimulationSettingsTests
{
    [Fact]
    public void Effective_workers_are_the_given_count_or_all_logical_cores_for_zero()
    {
        new SimulationSettings { Workers = 3 }.EffectiveWorkers.Should().Be(3);
        new SimulationSettings { Workers = 1 }.EffectiveWorkers.Should().Be(1);
        new SimulationSettings().EffectiveWorkers.Should().Be(Environment.ProcessorCount);
    }
}
