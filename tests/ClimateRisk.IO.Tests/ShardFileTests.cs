using ClimateRisk.Core.Finance;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Statistics;

namespace ClimateRisk.IO.Tests;

/// <summary>ShardFile: a corrupt count is reported as bad input naming the file (merge's exit-code path), not as a crash.</summary>
public sealed class ShardFileTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "climaterisk-shard-" + Guid.NewGuid().ToString("N"));

    public ShardFileTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>
    /// A valid shard whose file ends with the one NPV cell's sketch: its positive buckets (the
    /// values 1, 2, 3), its negative buckets (none: count 0), then the exceedance list (count 0).
    /// </summary>
    private string WriteShard()
    {
        var path = Path.Combine(_directory, "partial.bin");
        var shard = new ShardResult
        {
            Settings = new SimulationSettings { Paths = 3, FirstYear = 2025, LastYear = 2025, Horizons = [2025], ReturnPeriodsY = [10] },
            ScenarioIds = ["ngfs-ndcs"],
            SiteIds = ["ks-ulanqab"],
            Cells = [],
            Npv = [("ngfs-ndcs", "ks-ulanqab", PartialCell.From([1.0, 2.0, 3.0], double.NaN))],
            Exceedance = [],
        };
        ShardFile.Write(shard, path);
        return path;
    }

    private static void Patch(string path, long offset, int expectedOld, int value)
    {
        var bytes = File.ReadAllBytes(path);
        BitConverter.ToInt32(bytes, (int)offset).Should().Be(expectedOld, "the patch must hit the count it means to");
        BitConverter.TryWriteBytes(bytes.AsSpan((int)offset), value).Should().BeTrue();
        File.WriteAllBytes(path, bytes);
    }

    [Fact]
    public void The_unpatched_shard_reads_back()
    {
        var path = WriteShard();

        var shard = ShardFile.Read(path);

        var sketch = shard.Npv.Should().ContainSingle().Which.Cell.Sketch;
        sketch.PositiveIndices.Length.Should().Be(3);
        sketch.NegativeIndices.Length.Should().Be(0);
        shard.Exceedance.Should().BeEmpty();
    }

    [Fact]
    public void Financial_cells_and_terms_read_back()
    {
        var path = Path.Combine(_directory, "financial.bin");
        var terms = new InsuranceTerms
        {
            PropertyDeductibleCny = 1.5e6, PropertyAggregateLimitCny = 2e8, Coinsurance = 0.1, BiWaitingDays = 3, BiLimitCny = 3e8,
            PremiumCny = 285_000, PremiumLoading = 0.4, PremiumLagYears = 2,
        };
        var context = new FinancialContext
        {
            Terms = new FinanceTerms
            {
                Insurance = new Dictionary<string, InsuranceTerms> { ["ks-ulanqab"] = terms },
                Baselines = new Dictionary<string, SiteBaseline> { ["ks-ulanqab"] = new() { RevenueCny = 2.3e10, EbitdaMargin = 0.2 } },
            },
            DiscountRates = new Dictionary<string, double> { ["ngfs-ndcs"] = 0.06 },
        };
        var cell = PartialCell.From([1.0, 2.0, 3.0], double.NaN);
        ShardFile.Write(
            new ShardResult
            {
                Settings = new SimulationSettings { Paths = 3, FirstYear = 2025, LastYear = 2025, Horizons = [2025], ReturnPeriodsY = [10] },
                ScenarioIds = ["ngfs-ndcs"],
                SiteIds = ["ks-ulanqab"],
                Cells = [],
                Npv = [],
                Exceedance = [],
                Financial = [("ngfs-ndcs", "ks-ulanqab", 2025, FinancialItem.Ebitda, FinancialBasis.Net, cell), ("ngfs-ndcs", "portfolio", null, FinancialItem.Capex, FinancialBasis.Gross, cell)],
                FinancialContext = context,
            },
            path);

        var read = ShardFile.Read(path);

        read.Financial.Select(f => (f.ScenarioId, f.EntityId, f.Year, f.Item, f.Basis, f.Cell.ToStatistics()))
            .Should().Equal(("ngfs-ndcs", "ks-ulanqab", 2025, FinancialItem.Ebitda, FinancialBasis.Net, cell.ToStatistics()), ("ngfs-ndcs", "portfolio", (int?)null, FinancialItem.Capex, FinancialBasis.Gross, cell.ToStatistics()));
        read.FinancialContext.Terms.Insurance["ks-ulanqab"].Should().Be(terms);
        read.FinancialContext.Terms.Baselines["ks-ulanqab"].Should().Be(context.Terms.Baselines["ks-ulanqab"]);
        read.FinancialContext.DiscountRates.Should().Equal(context.DiscountRates);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1_000)]
    [InlineData(99_999_999)]
    [InlineData(int.MaxValue)]
    public void Corrupt_negative_bucket_count_is_bad_input_naming_the_file(int count)
    {
        var path = WriteShard();
        var length = new FileInfo(path).Length;
        var at = length - 8;
        Patch(path, at, 0, count);

        var act = () => ShardFile.Read(path);

        act.Should().Throw<InputException>().Which.Errors.Should().Equal(new InputError(path, 0, "count",
            FormattableString.Invariant($"{count} at byte {at}, 4 bytes left"), "a count that fits in the rest of the file (this shard file is truncated or corrupt)"));
    }

    [Theory]
    [InlineData(-7)]
    [InlineData(int.MaxValue)]
    public void Corrupt_positive_bucket_count_is_bad_input_naming_the_file(int count)
    {
        var path = WriteShard();
        var length = new FileInfo(path).Length;
        var at = length - 8 - (3 * (sizeof(int) + sizeof(long))) - 4;
        Patch(path, at, 3, count);

        var act = () => ShardFile.Read(path);

        act.Should().Throw<InputException>().Which.Errors.Should().Equal(new InputError(path, 0, "count",
            FormattableString.Invariant($"{count} at byte {at}, {length - at - 4} bytes left"), "a count that fits in the rest of the file (this shard file is truncated or corrupt)"));
    }

    [Fact]
    public void Corrupt_list_count_is_bad_input_naming_the_file()
    {
        var path = WriteShard();
        var length = new FileInfo(path).Length;
        Patch(path, length - 4, 0, 200_000_000);

        var act = () => ShardFile.Read(path);

        act.Should().Throw<InputException>().Which.Errors.Should().Equal(new InputError(path, 0, "count",
            FormattableString.Invariant($"200000000 at byte {length - 4}, 0 bytes left"), "a count that fits in the rest of the file (this shard file is truncated or corrupt)"));
    }

    [Fact]
    public void Corrupt_string_length_is_bad_input_naming_the_file()
    {
        var path = WriteShard();
        var bytes = File.ReadAllBytes(path);
        var at = bytes.AsSpan().IndexOf([(byte)9, .. "ngfs-ndcs"u8]);
        at.Should().BePositive("the scenario id is written with a one-byte length prefix");

        // Five continuation bytes: more than a 7-bit encoded 32-bit length can have.
        bytes.AsSpan(at, 5).Fill(0xFF);
        File.WriteAllBytes(path, bytes);

        var act = () => ShardFile.Read(path);

        act.Should().Throw<InputException>().Which.Errors.Should().Equal(new InputError(path, 0, "text", "a malformed string length", "a shard file written by 'climaterisk run --shard' (this one is corrupt)"));
    }
}
