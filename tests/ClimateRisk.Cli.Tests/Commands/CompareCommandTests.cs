using System.Globalization;
using ClimateRisk.Cli.Commands;
using ClimateRisk.Cli.Tests.TestSupport;
using ClimateRisk.Pipeline;
using Spectre.Console;

namespace ClimateRisk.Cli.Tests.Commands;

public sealed class CompareCommandTests : IDisposable
{
    private readonly string _out = CliHarness.TempPath("compare");

    public void Dispose()
    {
        if (Directory.Exists(_out))
        {
            Directory.Delete(_out, recursive: true);
        }
    }

    private (int Code, string Output, string Error) Run(CompareRequest request)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(new StringWriter()), Interactive = InteractionSupport.No, Ansi = AnsiSupport.No });
        var code = CompareCommand.Execute(request with { Out = _out }, console, output, error, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Bundled_candidates_and_measures_are_ranked_and_evaluated()
    {
        var (code, output, error) = Run(new CompareRequest { Scenarios = ["ngfs-ndcs"], Paths = 300, Years = "2025..2031" });
        code.Should().Be(0, error);
        output.Should().Contain("Candidates, ngfs-ndcs").And.Contain("Measures (benefit");

        var candidates = File.ReadAllLines(Path.Combine(_out, "compare", "candidates.csv"));
        candidates[0].Should().StartWith("scenario,rank,site,npv_mean_cny,npv_se_cny,npv_p5_cny,npv_p95_cny,cost_per_mwh_it_cny,");
        var rows = candidates.Skip(1).Select(l => l.Split(',')).ToArray();
        rows.Should().HaveCount(12);
        rows.Select(r => int.Parse(r[1], CultureInfo.InvariantCulture)).Should().Equal(Enumerable.Range(1, 12));
        var npv = rows.Select(r => double.Parse(r[3], CultureInfo.InvariantCulture)).ToArray();
        npv.Should().BeInAscendingOrder();
        rows[0][13].Should().Be("0", "the best candidate's difference to itself");

        var measures = File.ReadAllLines(Path.Combine(_out, "compare", "measures.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        var noop = measures.Single(r => r[1] == "noop-control");
        (noop[3], noop[8]).Should().Be(("0", "0"), "a measure that changes and costs nothing has benefit 0 and cost 0");
        measures.Single(r => r[1] == "ulanqab-protection-control")[3].Should().Be("0", "protection at a site without flood hazard changes nothing");
        File.Exists(Path.Combine(_out, "manifest.json")).Should().BeTrue();
        foreach (var file in new[] { "compare-pack.html", "charts/candidate_ranking.svg", "charts/candidate_pue_cost.svg", "charts/measure_benefit_cost.svg" })
        {
            File.Exists(Path.Combine(_out, file)).Should().BeTrue(file);
        }
    }

    [Fact]
    public void A_bad_measures_file_exits_1_and_writes_nothing()
    {
        var bad = Path.Combine(Path.GetTempPath(), $"measures-{Guid.NewGuid():N}.csv");
        File.WriteAllText(bad, "measure_id,name,site_id,year_in_force,capex_cny,opex_cny_per_yr,changes,source\nm,x,ks-mars,2026,0,0,,test\n");
        try
        {
            var (code, _, error) = Run(new CompareRequest { Measures = bad, Paths = 100, Years = "2025" });
            code.Should().Be(1);
            error.Should().Contain("site_id 'ks-mars'");
            Directory.Exists(_out).Should().BeFalse();
        }
        finally
        {
            File.Delete(bad);
        }
    }
}
