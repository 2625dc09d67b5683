using ClimateRisk.Core.Simulation;

namespace ClimateRisk.Pipeline.Tests;

/// <summary>RunManifestFactory: the fields every manifest shares come from the settings and the arguments.</summary>
public sealed class RunManifestFactoryTests
{
    [Fact]
    public void Settings_and_arguments_land_in_their_fields()
    {
        var settings = new SimulationSettings { Paths = 3001, Seed = 42, FirstYear = 2026, LastYear = 2031, Workers = 3 };
        var started = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var inputs = new Dictionary<string, string> { ["data/sites.csv"] = "ab" };

        var before = DateTimeOffset.UtcNow;
        var manifest = RunManifestFactory.Create(settings, ["run", "--paths", "3001"], ["s1", "s2"], ["DC1"], inputs, ["manifest.json", "results/a.csv"], started);

        manifest.Tool.Should().Be("climaterisk " + typeof(RunManifestFactory).Assembly.GetName().Version!.ToString(3));
        manifest.CommandLine.Should().Equal("run", "--paths", "3001");
        (manifest.Seed, manifest.Paths, manifest.FirstYear, manifest.LastYear, manifest.Workers).Should().Be((42UL, 3001, 2026, 2031, 3));
        manifest.Scenarios.Should().Equal("s1", "s2");
        manifest.Sites.Should().Equal("DC1");
        manifest.InputSha256.Should().BeSameAs(inputs);
        manifest.Outputs.Should().Equal("manifest.json", "results/a.csv");
        manifest.StartedUtc.Should().Be(started);
        manifest.FinishedUtc.Should().BeOnOrAfter(before).And.BeOnOrBefore(DateTimeOffset.UtcNow);
        (manifest.Shard, manifest.Convergence, manifest.ResumedScenarios, manifest.ReplayOf, manifest.Inputs).Should().Be((null, null, null, null, null), "what only some commands record is added by them");
    }

    [Fact]
    public void All_cores_are_recorded_as_their_number()
    {
        var manifest = RunManifestFactory.Create(new SimulationSettings { Workers = 0 }, [], [], [], new Dictionary<string, string>(), [], DateTimeOffset.UnixEpoch);

        manifest.Workers.Should().Be(Environment.ProcessorCount);
    }
}
