using System.Text.Json;
using ClimateRisk.IO.Tests.TestSupport;

namespace ClimateRisk.IO.Tests;

/// <summary>RunManifest: JSON round trip and SHA-256 of inputs.</summary>
public sealed class RunManifestTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "climaterisk-manifest-" + Guid.NewGuid().ToString("N"));

    public RunManifestTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static RunManifest Sample() => new()
    {
        Tool = "climaterisk 0.1.0",
        CommandLine = ["run", "--paths", "300", "--years", "2025..2027"],
        Seed = 18_446_744_073_709_551_615UL,
        Paths = 300,
        FirstYear = 2025,
        LastYear = 2027,
        Workers = 2,
        Scenarios = ["ngfs-ndcs", "ngfs-net-zero-2050"],
        Sites = ["ksc-beijing-yizhuang", "ks-ulanqab"],
        InputSha256 = new Dictionary<string, string>
        {
            ["data/sites.csv"] = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            ["scenarios/ngfs-ndcs.yaml"] = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        },
        Outputs = ["manifest.json", "results/site_year.csv"],
        StartedUtc = new DateTimeOffset(2025, 1, 2, 3, 4, 5, 678, TimeSpan.Zero),
        FinishedUtc = new DateTimeOffset(2025, 1, 2, 3, 5, 6, 789, TimeSpan.Zero).AddTicks(1234),
    };

    [Fact]
    public void Write_then_read_gives_equal_fields()
    {
        var path = Path.Combine(_directory, "manifest.json");
        var manifest = Sample();

        var written = manifest.Write(path);
        var read = RunManifest.Read(path);

        read.Should().BeEquivalentTo(written);
        written.Should().BeEquivalentTo(manifest with { SettingsSha256 = manifest.ComputeSettingsSha256() }, "Write returns what it wrote: the manifest with its settings hash");
        read.SettingsUnedited.Should().BeTrue();
        read.Seed.Should().Be(ulong.MaxValue);
        read.StartedUtc.Should().Be(manifest.StartedUtc);
        read.FinishedUtc.Should().Be(manifest.FinishedUtc);
        read.ElapsedSeconds.Should().Be(61.1111234);
        read.InputSha256.Keys.Should().Equal("data/sites.csv", "scenarios/ngfs-ndcs.yaml");
    }

    [Fact]
    public void Json_uses_snake_case_names_and_keeps_paths_as_keys()
    {
        var path = Path.Combine(_directory, "manifest.json");
        Sample().Write(path);

        var text = File.ReadAllText(path);
        using var json = JsonDocument.Parse(text);
        var root = json.RootElement;

        text.Should().EndWith("}\n");
        root.EnumerateObject().Select(p => p.Name).Should().Equal(
            "tool", "command_line", "seed", "paths", "first_year", "last_year", "workers", "scenarios", "sites",
            "input_sha256", "inputs", "working_directory", "target_rse", "max_paths", "convergence", "resumed_scenarios", "replay_of", "sensitivity",
            "outputs", "shard", "first_path", "total_paths", "settings_sha256", "started_utc", "finished_utc", "elapsed_seconds");
        root.GetProperty("seed").GetUInt64().Should().Be(ulong.MaxValue);
        root.GetProperty("input_sha256").GetProperty("data/sites.csv").GetString()
            .Should().Be("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    [Fact]
    public void Read_of_an_empty_manifest_throws()
    {
        var path = Path.Combine(_directory, "manifest.json");
        File.WriteAllText(path, "null");

        var act = () => RunManifest.Read(path);

        act.Should().Throw<InputException>().Which.Errors.Should().Equal(new InputError(path, 0, string.Empty, "(empty)", "a manifest.json written by climaterisk run"));
    }

    [Fact]
    public void Read_of_a_file_that_is_not_json_throws_an_input_error()
    {
        var path = Path.Combine(_directory, "manifest.json");
        File.WriteAllText(path, "seed: 7\n");

        var act = () => RunManifest.Read(path);

        act.Should().Throw<InputException>().Which.Errors.Should().ContainSingle().Which.Expected.Should().Be("a manifest.json written by climaterisk run");
    }

    [Fact]
    public void Convergence_with_an_infinite_rse_round_trips()
    {
        var path = Path.Combine(_directory, "manifest.json");
        var manifest = Sample() with
        {
            TargetRse = 0.01,
            MaxPaths = 1_000,
            Convergence = [new ScenarioConvergence { Scenario = "ngfs-ndcs", Paths = 1_000, Converged = false, WorstRse = double.PositiveInfinity, WorstMetric = "physical_loss_cny 2030", CapReason = "max_paths" }],
            Inputs = new RunInputs { DataDirectory = "data", SitesFile = "data/sites.csv", ScenarioFiles = ["scenarios/ngfs-ndcs.yaml"] },
        };

        var written = manifest.Write(path);

        RunManifest.Read(path).Should().BeEquivalentTo(written);
        File.ReadAllText(path).Should().Contain("\"worst_rse\": \"Infinity\"");
    }

    [Fact]
    public void Sha256_of_abc_is_the_fips_180_value()
    {
        var path = Path.Combine(_directory, "abc.txt");
        File.WriteAllBytes(path, "abc"u8.ToArray());

        RunManifest.Sha256(path).Should().Be("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    [Fact]
    public void Sha256_of_an_empty_file()
    {
        var path = Path.Combine(_directory, "empty.txt");
        File.WriteAllBytes(path, []);

        RunManifest.Sha256(path).Should().Be("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    [Fact]
    public void HashInputs_covers_every_input_file_in_ordinal_order()
    {
        using var inputs = TestInputs.Copy();
        var paths = inputs.Paths(inputs.Scenario("ngfs-ndcs"));
        File.WriteAllBytes(inputs.SitesFile, "abc"u8.ToArray());

        var hashes = RunManifest.HashInputs(paths);

        hashes.Should().HaveCount(1 + InputPaths.DataTables.Count + InputPaths.OptionalDataTables.Count + 1 + 1, "register/controls.csv shapes the register, so it is hashed too");
        hashes.Keys.Should().BeEquivalentTo(paths.HashedFiles());
        hashes.Keys.Should().BeInAscendingOrder(StringComparer.Ordinal);
        hashes[inputs.SitesFile].Should().Be("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        hashes[inputs.Scenario("ngfs-ndcs")].Should().Be(RunManifest.Sha256(Path.Combine(TestInputs.BundledScenarioDirectory, "ngfs-ndcs.yaml")));
        hashes.Values.Should().OnlyContain(h => h.Length == 64 && h.All(c => char.IsAsciiDigit(c) || (c >= 'a' && c <= 'f')));
    }

    /// <summary>
    /// Manifests that exercise every settings field: nulls, a learned PUE response (written) and
    /// none (left out), text the encoder escapes, an infinite RSE, a shard.
    /// </summary>
    private static IEnumerable<RunManifest> Varied()
    {
        yield return Sample();
        yield return Sample() with
        {
            Inputs = new RunInputs { DataDirectory = "数据/data \"quoted\"", SitesFile = "data/sites.csv", ScenarioFiles = ["scenarios/ngfs-ndcs.yaml", "scenarios/a<b>&c.yaml"], PueResponseFile = "out/calibration/pue_response.csv" },
            WorkingDirectory = "/home/анализ/run\tdir",
            TargetRse = 0.005,
            MaxPaths = 1_000_000,
            Convergence =
            [
                new ScenarioConvergence { Scenario = "ngfs-ndcs", Paths = 1_000, Converged = false, WorstRse = double.PositiveInfinity, WorstMetric = "physical_loss_cny 2030", CapReason = "max_paths" },
                new ScenarioConvergence { Scenario = "ngfs-net-zero-2050", Paths = 400, Converged = null, WorstRse = 0.1 + 0.2, WorstMetric = "npv" },
            ],
            Shard = "2/4",
            FirstPath = 5_000_000_000L,
            TotalPaths = 7_000_000,
            ResumedScenarios = ["ngfs-ndcs"],
            ReplayOf = "out/run/manifest.json",
            Sensitivity = true,
        };
        yield return Sample() with { Inputs = new RunInputs { DataDirectory = "data", SitesFile = "s.csv", ScenarioFiles = [] }, Seed = 0, FirstPath = -1 };
    }

    /// <summary>The serializer's options as they were before its metadata moved to compile time: reflection.</summary>
    private static JsonSerializerOptions ReflectionOptions(bool indented) => new(RunManifest.JsonOptions)
    {
        WriteIndented = indented,
        TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver(),
    };

    [Fact]
    public void Settings_text_is_the_reflection_serializers_text_of_the_anonymous_settings()
    {
        // SettingsText was the reflection serializer's text of this anonymous object; the SHA-256
        // of that text is stored in every manifest written since, and --replay compares it.
        foreach (var m in Varied())
        {
            var reference = JsonSerializer.Serialize(
                new
                {
                    m.Seed, m.Paths, m.FirstYear, m.LastYear, m.Scenarios, m.Sites,
                    InputSha256 = m.InputSha256.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray(),
                    m.Inputs, m.WorkingDirectory, m.TargetRse, m.MaxPaths, m.Convergence, m.Shard, m.FirstPath, m.TotalPaths,
                },
                ReflectionOptions(indented: false));

            m.SettingsText().Should().Be(reference);
        }
    }

    [Fact]
    public void Written_manifest_is_the_reflection_serializers_text_and_reads_back()
    {
        foreach (var m in Varied())
        {
            var path = Path.Combine(_directory, "manifest.json");
            var written = m.Write(path);

            File.ReadAllText(path).Should().Be(JsonSerializer.Serialize(written, ReflectionOptions(indented: true)) + "\n");
            RunManifest.Read(path).Should().BeEquivalentTo(written);
            RunManifest.Read(path).SettingsUnedited.Should().BeTrue();
        }
    }
}
