using ClimateRisk.Core.Finance;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Statistics;

namespace ClimateRisk.IO.Tests;

/// <summary>ShardFile: any damage (a flipped byte, a cut, appended bytes) is reported as bad input naming the file and section (merge's exit-code path), never read as data.</summary>
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
        ShardFile.Write(NpvShard(PartialCell.From([1.0, 2.0, 3.0], double.NaN)), path);
        return path;
    }

    /// <summary>A shard of one site, one year and nothing but one NPV cell.</summary>
    private static ShardResult NpvShard(PartialCell npv) => new()
    {
        Settings = new SimulationSettings { Paths = 3, FirstYear = 2025, LastYear = 2025, Horizons = [2025], ReturnPeriodsY = [10] },
        ScenarioIds = ["ngfs-ndcs"],
        SiteIds = ["ks-ulanqab"],
        Cells = [],
        Npv = [("ngfs-ndcs", "ks-ulanqab", npv)],
        Exceedance = [],
    };

    [Fact]
    public void A_file_streamed_with_its_section_lengths_filled_in_afterwards_has_the_bytes_of_the_buffered_form()
    {
        var streamed = WriteShard();
        var buffered = Path.Combine(_directory, "buffered.bin");
        File.Move(streamed, buffered);

        // A stream that cannot seek gets each section buffered in memory, then written whole.
        using (OutputFile.InjectFault((_, stream) => new NonSeekable(stream)))
        {
            WriteShard();
        }

        File.ReadAllBytes(streamed).Should().Equal(File.ReadAllBytes(buffered));
        File.ReadAllBytes(streamed).Length.Should().BeGreaterThan(200, "every section is there");
    }

    [Fact]
    public void The_unflipped_shard_reads_back()
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

    [Fact]
    public void Every_single_flipped_byte_is_refused_naming_the_file()
    {
        var path = WriteShard();
        var original = File.ReadAllBytes(path);
        for (var at = 0; at < original.Length; at++)
        {
            foreach (var mask in new byte[] { 0x01, 0x80 })
            {
                var bytes = (byte[])original.Clone();
                bytes[at] ^= mask;
                File.WriteAllBytes(path, bytes);

                var act = () => ShardFile.Read(path);

                act.Should().Throw<InputException>($"byte {at} ^ {mask} must not be read as data").Which.Errors.Should().ContainSingle().Which.File.Should().Be(path);
            }
        }
    }

    [Fact]
    public void A_flipped_byte_in_the_npv_section_fails_its_checksum()
    {
        var path = WriteShard();
        var bytes = File.ReadAllBytes(path);
        var first = bytes.AsSpan().IndexOf("ngfs-ndcs"u8);
        var npv = bytes.AsSpan().LastIndexOf("ngfs-ndcs"u8);
        npv.Should().BeGreaterThan(first, "the NPV cell repeats the scenario id of the settings section");
        bytes[npv] ^= 0x20;
        File.WriteAllBytes(path, bytes);

        var act = () => ShardFile.Read(path);

        act.Should().Throw<InputException>().Which.Errors.Should().Equal(new InputError(path, 0, "npv", "checksum mismatch",
            "the SHA-256 stored with section 'npv' (the file is damaged, e.g. by a disk or transfer fault: run the shard again or copy it again)"));
    }

    [Fact]
    public void A_truncated_shard_is_refused()
    {
        var path = WriteShard();
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^40]);

        var act = () => ShardFile.Read(path);

        // The exceedance section is 8 (length) + 4 (count 0) + 32 (SHA-256) bytes: 40 cut leave half its length.
        act.Should().Throw<InputException>().Which.Errors.Should().Equal(new InputError(path, 0, "exceedance",
            FormattableString.Invariant($"{bytes.Length - 40} bytes"), "a complete shard file (this one is truncated: run the shard again)"));
    }

    [Fact]
    public void Bytes_appended_after_the_last_section_are_refused()
    {
        var path = WriteShard();
        File.AppendAllText(path, "x");

        var act = () => ShardFile.Read(path);

        act.Should().Throw<InputException>().Which.Errors.Should().Equal(new InputError(path, 0, "length",
            FormattableString.Invariant($"{new FileInfo(path).Length} bytes"), "a shard file that ends after its last section (this one has bytes appended)"));
    }

    [Theory]
    [InlineData("CRSHARD1")]
    [InlineData("CRSHARD2")]
    public void A_shard_of_an_older_format_is_refused_with_the_way_out(string magic)
    {
        var path = WriteShard();
        var bytes = File.ReadAllBytes(path);
        System.Text.Encoding.ASCII.GetBytes(magic).CopyTo(bytes, 0);
        File.WriteAllBytes(path, bytes);

        var act = () => ShardFile.Read(path);

        act.Should().Throw<InputException>().Which.Errors.Should().Equal(new InputError(path, 0, "magic", string.Empty,
            "a shard file of this version (CRSHARD3; this one was written by an older version: run the shard again)"));
    }

    [Fact]
    public void Sketch_buckets_read_back_exactly_whatever_their_steps_and_counts()
    {
        // Steps of 1, 127, 128 (one and two bytes), 2^28 (five); counts of 1, 127, 128 and past int and 2^56 (nine and ten bytes).
        int[] positive = [int.MinValue + 5, int.MinValue + 6, int.MinValue + 133, int.MinValue + 261, (1 << 28) + int.MinValue + 261, 0, 1, int.MaxValue];
        long[] positiveCounts = [1, 127, 128, 1L << 33, 1L << 57, long.MaxValue / 4, 0, 3];
        int[] negative = [-40, 7];
        long[] negativeCounts = [2, 16_384];
        var sketch = QuantileSketch.FromBuckets(QuantileSketch.DefaultAccuracy, 11, positive, positiveCounts, negative, negativeCounts);
        var path = Path.Combine(_directory, "buckets.bin");
        ShardFile.Write(NpvShard(new PartialCell { Moments = RunningMoments.FromState(3, 1, 0), ExceedCount = 0, HasThreshold = false, Sketch = sketch }), path);

        var read = ShardFile.Read(path).Npv.Should().ContainSingle().Which.Cell.Sketch;

        read.ZeroCount.Should().Be(11);
        read.PositiveIndices.ToArray().Should().Equal(positive);
        read.PositiveCounts.ToArray().Should().Equal(positiveCounts);
        read.NegativeIndices.ToArray().Should().Equal(negative);
        read.NegativeCounts.ToArray().Should().Equal(negativeCounts);
    }

    /// <summary>A stream that cannot seek, closing the file behind it.</summary>
    private sealed class NonSeekable(Stream inner) : ClimateRisk.IO.Internal.WriteOnlyStream(inner)
    {
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
