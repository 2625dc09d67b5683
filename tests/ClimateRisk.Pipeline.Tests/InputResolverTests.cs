using ClimateRisk.IO;
using ClimateRisk.IO.Tests.TestSupport;

namespace ClimateRisk.Pipeline.Tests;

/// <summary>InputResolver: command-line input options to file paths.</summary>
public sealed class InputResolverTests : IDisposable
{
    private readonly TestInputs _inputs = TestInputs.Copy();

    public void Dispose() => _inputs.Dispose();

    private static string Bundled(string relative) => Path.GetFullPath(Path.Combine(TestInputs.RepoRoot, relative));

    [Fact]
    public void Defaults_are_the_bundled_data_and_every_bundled_scenario()
    {
        var paths = InputResolver.Resolve(null, null, null);

        Path.GetFullPath(paths.DataDirectory).Should().Be(Bundled("data"));
        Path.GetFullPath(paths.SitesFile).Should().Be(Bundled("data/sites.csv"));
        paths.ScenarioFiles.Select(Path.GetFullPath).Should().Equal(
            Directory.GetFiles(Bundled("scenarios"), "*.yaml").Order(StringComparer.Ordinal));
        paths.ScenarioFiles.Should().HaveCount(6);
    }

    [Fact]
    public void Ids_may_be_comma_separated_and_repeated_ids_are_dropped()
    {
        var paths = InputResolver.Resolve(null, null, ["ngfs-ndcs, ngfs-below-2c", "ngfs-ndcs"]);

        paths.ScenarioFiles.Select(f => Path.GetFileName(f)).Should().Equal("ngfs-ndcs.yaml", "ngfs-below-2c.yaml");
    }

    [Fact]
    public void Files_and_directories_are_accepted()
    {
        var extra = Path.Combine(_inputs.Root, "more");
        Directory.CreateDirectory(extra);
        File.Copy(_inputs.Scenario("ngfs-ndcs"), Path.Combine(extra, "b.yml"));
        File.Copy(_inputs.Scenario("ngfs-ndcs"), Path.Combine(extra, "a.yaml"));

        var paths = InputResolver.Resolve(_inputs.DataDirectory, null, [_inputs.Scenario("ngfs-below-2c"), extra]);

        paths.DataDirectory.Should().Be(_inputs.DataDirectory);
        paths.SitesFile.Should().Be(_inputs.SitesFile);
        paths.ScenarioFiles.Should().Equal(_inputs.Scenario("ngfs-below-2c"), Path.Combine(extra, "a.yaml"), Path.Combine(extra, "b.yml"));
    }

    [Fact]
    public void Explicit_sites_file_is_kept_as_given()
    {
        var paths = InputResolver.Resolve(_inputs.DataDirectory, "my/sites.csv", ["ngfs-ndcs"]);

        paths.SitesFile.Should().Be("my/sites.csv");
    }

    [Fact]
    public void Directory_without_scenarios_and_unknown_ids_are_all_reported()
    {
        var empty = Path.Combine(_inputs.Root, "empty");
        Directory.CreateDirectory(empty);

        var act = () => InputResolver.Resolve(null, null, [empty, "nz2050"]);

        act.Should().Throw<InputException>().Which.Errors.Should().Equal(
            new InputError(empty, 0, "--scenarios", empty, "a directory with at least one .yaml scenario"),
            new InputError("command line", 0, "--scenarios", "nz2050",
                "a scenario file, a directory, or a bundled scenario id: ngfs-below-2c, ngfs-current-policies, ngfs-delayed-transition, ngfs-ndcs, ngfs-net-zero-2050, ssp5-85-physical-stress"));
    }
}
