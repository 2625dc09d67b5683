using ClimateRisk.Core.Finance;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;

namespace ClimateRisk.Core.Tests.Simulation;

/// <summary>
/// The running financial NPVs (<see cref="FinancialSeries.AccumulateBlock"/>, <see cref="FinancialSeries.FillNpv"/>)
/// against the plain formula of MODEL §15 summed path by path in the first layout ([row][entity][path]),
/// bit for bit: neither the layout nor the register loop may move a bit, whatever the zeros (+0.0, −0.0,
/// underflowed products) in the rows.
/// </summary>
public sealed class FinancialSeriesTests
{
    private static readonly Metric[] OpexMetrics = [Metric.ClimateEnergyCostCny, Metric.DroughtEnergyCny, Metric.CarbonCostCny, Metric.PueSurchargeCny, Metric.RenewablePremiumCny];
    private static readonly Metric[] CapexMetrics = [Metric.FloodDirectCny, Metric.SurgeDirectCny, Metric.WindDirectCny];
    private static readonly Metric[] RevenueMetrics = [Metric.FloodBiCny, Metric.SurgeBiCny, Metric.WindBiCny, Metric.HeatBiCny, Metric.DroughtBiCny];

    [Theory]
    [InlineData(1, 1, 0, false)]
    [InlineData(3, 1000, 0, false)] // a partial last block of 232 paths
    [InlineData(2, 517, 37, false)] // kernel blocks that start off the layout's blocks and groups
    [InlineData(9, 2048, 0, false)]
    [InlineData(3, 1000, 0, true)] // the first year starts the NPVs over what was there (NaN here) instead of adding
    [InlineData(2, 517, 37, true)] // ... path by path too, off the groups
    [InlineData(9, 2048, 0, true)]
    public void Accumulated_npvs_are_the_discounted_sums_of_the_formula_bit_for_bit(int entities, int paths, int offset, bool startedOverNaN)
    {
        var random = new System.Random((entities * 7919) + paths + offset);
        var buffers = new PathBuffers(entities - 1, paths);
        if (startedOverNaN)
        {
            buffers.FinancialNpv.Fill(double.NaN);
        }

        var firstYearMinusZeros = 0;
        var expected = new double[FinancialSeries.NpvRows, entities, paths];
        var rows = new double[MetricNames.Count * PathKernel.BlockSize];
        var zeroAddends = 0;
        var minusZeroAddends = 0;
        // Enough rows for every kind of zero with a few paths; a start alone, so that what it leaves is compared, not covered by later adds.
        var years = startedOverNaN ? 1 : paths < 64 ? 60 : 6;
        for (var year = 0; year < years; year++)
        {
            // The last year's products underflow to ±0.0 or subnormals; so do the first year's when it starts the NPVs.
            var discount = Math.Pow(1.05, -year) * (year == years - 1 || (startedOverNaN && year == 0) ? 1e-300 : 1);
            var blockStarts = new List<int> { 0 };
            for (var start = offset == 0 ? PathKernel.BlockSize : offset; start < paths; start += PathKernel.BlockSize)
            {
                blockStarts.Add(start);
            }

            for (var k = 0; k < blockStarts.Count; k++)
            {
                var first = blockStarts[k];
                var count = (k + 1 < blockStarts.Count ? blockStarts[k + 1] : paths) - first;
                for (var e = 0; e < entities; e++)
                {
                    FillRows(random, rows, count);
                    FinancialSeries.AccumulateBlock(rows, PathKernel.BlockSize, count, discount, buffers.FinancialNpv, entities, e, first, start: startedOverNaN && year == 0);
                    for (var p = 0; p < count; p++)
                    {
                        double V(Metric m) => rows[((int)m * PathKernel.BlockSize) + p];
                        var opex = V(Metric.ClimateEnergyCostCny) + V(Metric.DroughtEnergyCny) + V(Metric.CarbonCostCny) + V(Metric.PueSurchargeCny) + V(Metric.RenewablePremiumCny);
                        var capex = V(Metric.FloodDirectCny) + V(Metric.SurgeDirectCny) + V(Metric.WindDirectCny);
                        var revenue = V(Metric.FloodBiCny) + V(Metric.SurgeBiCny) + V(Metric.WindBiCny) + V(Metric.HeatBiCny) + V(Metric.DroughtBiCny);
                        double[] addends = [discount * opex, discount * capex, discount * (capex - V(Metric.InsuredPropertyCny)), discount * revenue, discount * (revenue - V(Metric.InsuredBiCny))];
                        for (var r = 0; r < addends.Length; r++)
                        {
                            zeroAddends += addends[r] == 0 ? 1 : 0;
                            minusZeroAddends += BitConverter.DoubleToInt64Bits(addends[r]) == long.MinValue ? 1 : 0;
                            firstYearMinusZeros += year == 0 && BitConverter.DoubleToInt64Bits(addends[r]) == long.MinValue ? 1 : 0;
                            expected[r, e, first + p] += addends[r];
                        }
                    }
                }
            }
        }

        zeroAddends.Should().BeGreaterThan(paths * entities, "the rows must give many zero addends for the skip to be tested");
        minusZeroAddends.Should().BeGreaterThan(0, "−0.0 addends must occur");
        if (startedOverNaN)
        {
            firstYearMinusZeros.Should().BeGreaterThan(0, "the first year, which starts the NPVs, must give −0.0 addends too (a start must make them +0.0)");
        }
        var destination = new double[paths + 3];
        for (var e = 0; e < entities; e++)
        {
            for (var r = 0; r < FinancialSeries.NpvRows; r++)
            {
                for (var p = 0; p < paths; p++)
                {
                    Bits(buffers.FinancialNpv[FinancialSeries.NpvIndex(entities, paths, e, r, p)]).Should().Be(Bits(expected[r, e, p]), $"row {r}, entity {e}, path {p}");
                }
            }

            foreach (var basis in new[] { FinancialBasis.Gross, FinancialBasis.Net })
            {
                var net = basis == FinancialBasis.Net ? 1 : 0;
                foreach (var item in new[] { FinancialItem.Opex, FinancialItem.Capex, FinancialItem.Revenue, FinancialItem.Ebitda })
                {
                    Array.Fill(destination, double.NaN);
                    FinancialSeries.FillNpv(buffers, e, item, basis, destination);
                    for (var p = 0; p < paths; p++)
                    {
                        var value = item switch
                        {
                            FinancialItem.Opex => expected[0, e, p],
                            FinancialItem.Capex => expected[1 + net, e, p],
                            FinancialItem.Revenue => expected[3 + net, e, p],
                            _ => expected[0, e, p] + expected[3 + net, e, p],
                        };
                        Bits(destination[p]).Should().Be(Bits(value), $"{item} {basis}, entity {e}, path {p}");
                    }

                    destination.AsSpan(paths).ToArray().Should().OnlyContain(v => double.IsNaN(v), "nothing is written past the paths");
                }
            }
        }

        // Every value of the array belongs to exactly one (row, entity, path).
        var owners = new int[buffers.FinancialNpv.Length];
        for (var e = 0; e < entities; e++)
        {
            for (var r = 0; r < FinancialSeries.NpvRows; r++)
            {
                for (var p = 0; p < paths; p++)
                {
                    owners[FinancialSeries.NpvIndex(entities, paths, e, r, p)]++;
                }
            }
        }

        owners.Should().OnlyContain(o => o == 1);
    }

    [Theory]
    [InlineData(9, 3 * 256)]
    [InlineData(9, (2 * 256) + 123)] // a last block of 123 paths: 15 whole groups and one of 3
    [InlineData(2, 5)]
    public void The_layout_is_the_kernels_order_of_visits_one_value_after_another(int entities, int paths)
    {
        // Blocks, then entities, then groups of 8 paths (the last ones as wide as the paths left),
        // then rows, then the paths of a group: 0, 1, 2, … — one sequential pass a year for one worker.
        var next = 0;
        for (var blockStart = 0; blockStart < paths; blockStart += PathKernel.BlockSize)
        {
            for (var e = 0; e < entities; e++)
            {
                var blockEnd = Math.Min(blockStart + PathKernel.BlockSize, paths);
                for (var groupStart = blockStart; groupStart < blockEnd; groupStart += FinancialSeries.NpvGroup)
                {
                    for (var r = 0; r < FinancialSeries.NpvRows; r++)
                    {
                        for (var path = groupStart; path < Math.Min(groupStart + FinancialSeries.NpvGroup, blockEnd); path++)
                        {
                            FinancialSeries.NpvIndex(entities, paths, e, r, path).Should().Be(next++, $"entity {e}, row {r}, path {path}");
                        }
                    }
                }
            }
        }

        next.Should().Be(FinancialSeries.NpvRows * entities * paths);
    }

    [Fact]
    public void Adding_a_signed_zero_to_a_sum_that_started_at_plus_zero_leaves_its_bits()
    {
        // The premise of skipping all-zero addends (tried, measured, not kept: docs/performance.md,
        // "Sixth session"), checked on the hardware: a running sum from +0.0 is never −0.0 (a sum
        // is −0.0 only if both addends are; an exact cancellation gives +0.0), and x + (±0.0) = x
        // for every x but −0.0. Addends: ±0.0, ±subnormals, cancelling pairs.
        var random = new System.Random(11);
        double[] specials = [0.0, -0.0, double.Epsilon, -double.Epsilon, 1e-310, -1e-310, double.MaxValue / 4, 1.5, -1.5];
        for (var chain = 0; chain < 2_000; chain++)
        {
            var withZeros = 0.0;
            var withoutZeros = 0.0;
            for (var step = 0; step < 40; step++)
            {
                var x = random.Next(4) switch
                {
                    0 => specials[random.Next(specials.Length)],
                    1 => -withZeros,
                    2 => random.Next(2) == 0 ? 0.0 : -0.0,
                    _ => (random.NextDouble() - 0.5) * Math.Pow(2, random.Next(-1080, 60)),
                };
                withZeros += x;
                if (x != 0)
                {
                    withoutZeros += x;
                }

                BitConverter.DoubleToInt64Bits(withZeros).Should().NotBe(long.MinValue, "a sum from +0.0 never becomes −0.0");
                Bits(withZeros).Should().Be(Bits(withoutZeros), $"chain {chain}, step {step}");
            }
        }
    }

    /// <summary>
    /// The horizon items as the simulator makes them — CapEx and revenue net by subtracting the
    /// recovery row from the gross row <see cref="FinancialSeries.Fill"/> wrote, EBITDA by adding
    /// the OpEx and revenue rows — against the plain formula of MODEL §15 path by path, bit for
    /// bit, with ±0.0 and subnormal values in the rows (and against Fill's own net and EBITDA).
    /// </summary>
    [Theory]
    [InlineData(2, 1)]
    [InlineData(3, 517)] // whole registers and a scalar tail
    [InlineData(9, 2048)]
    public void Net_and_ebitda_rows_made_from_filled_rows_equal_the_formula_bit_for_bit(int entities, int paths)
    {
        var random = new System.Random((entities * 31) + paths);
        var buffers = new PathBuffers(entities - 1, paths);
        var values = new double[buffers.Values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = random.Next(5) switch
            {
                0 => 0.0,
                1 => -0.0,
                2 => double.Epsilon * random.Next(1, 9),
                _ => (random.NextDouble() - 0.3) * Math.Pow(10, random.Next(-3, 9)),
            };
        }

        values.CopyTo(buffers.Values);
        double V(Metric m, int e, int p) => values[((((int)m * entities) + e) * paths) + p];
        double[] opex = new double[paths], revenue = new double[paths], row = new double[paths], fill = new double[paths];
        for (var e = 0; e < entities; e++)
        {
            FinancialSeries.Fill(buffers, e, FinancialItem.Opex, FinancialBasis.Gross, opex);
            FinancialSeries.Fill(buffers, e, FinancialItem.Revenue, FinancialBasis.Gross, revenue);
            FinancialSeries.SubtractRecoveries(buffers, e, Metric.InsuredBiCny, revenue);
            FinancialSeries.AddOpexAndRevenue(opex, revenue, row);
            FinancialSeries.Fill(buffers, e, FinancialItem.Ebitda, FinancialBasis.Net, fill);
            for (var p = 0; p < paths; p++)
            {
                var expectedOpex = V(Metric.ClimateEnergyCostCny, e, p) + V(Metric.DroughtEnergyCny, e, p) + V(Metric.CarbonCostCny, e, p) + V(Metric.PueSurchargeCny, e, p) + V(Metric.RenewablePremiumCny, e, p);
                var revenueGross = V(Metric.FloodBiCny, e, p) + V(Metric.SurgeBiCny, e, p) + V(Metric.WindBiCny, e, p) + V(Metric.HeatBiCny, e, p) + V(Metric.DroughtBiCny, e, p);
                var revenueNet = revenueGross - V(Metric.InsuredBiCny, e, p);
                Bits(revenue[p]).Should().Be(Bits(revenueNet), $"revenue net, entity {e}, path {p}");
                Bits(row[p]).Should().Be(Bits(expectedOpex + revenueNet), $"EBITDA net, entity {e}, path {p}");
                Bits(fill[p]).Should().Be(Bits(row[p]), $"Fill's EBITDA net, entity {e}, path {p}");
            }

            FinancialSeries.Fill(buffers, e, FinancialItem.Capex, FinancialBasis.Gross, row);
            FinancialSeries.SubtractRecoveries(buffers, e, Metric.InsuredPropertyCny, row);
            FinancialSeries.Fill(buffers, e, FinancialItem.Capex, FinancialBasis.Net, fill);
            for (var p = 0; p < paths; p++)
            {
                var capexNet = V(Metric.FloodDirectCny, e, p) + V(Metric.SurgeDirectCny, e, p) + V(Metric.WindDirectCny, e, p) - V(Metric.InsuredPropertyCny, e, p);
                Bits(row[p]).Should().Be(Bits(capexNet), $"CapEx net, entity {e}, path {p}");
                Bits(fill[p]).Should().Be(Bits(capexNet), $"Fill's CapEx net, entity {e}, path {p}");
            }
        }

        var act = () => FinancialSeries.SubtractRecoveries(buffers, 0, Metric.CarbonCostCny, row);
        act.Should().Throw<ArgumentOutOfRangeException>("only the two recovery rows are subtracted");
        act = () => FinancialSeries.AddOpexAndRevenue(opex, revenue.AsSpan(1), row);
        act.Should().Throw<ArgumentException>("the rows must be as long as each other");
    }

    [Fact]
    public void A_block_shorter_than_its_rows_or_npvs_is_refused()
    {
        var buffers = new PathBuffers(1, 300);
        var rows = new double[MetricNames.Count * PathKernel.BlockSize];
        var act = () => FinancialSeries.AccumulateBlock(rows, PathKernel.BlockSize, 45, 1, buffers.FinancialNpv, 2, 1, 256);
        act.Should().Throw<ArgumentOutOfRangeException>("paths 256 … 300 end past the 300 paths");
        act = () => FinancialSeries.AccumulateBlock(rows, PathKernel.BlockSize, 44, 1, buffers.FinancialNpv, 2, 2, 256);
        act.Should().Throw<ArgumentOutOfRangeException>("there is no entity 2");
        act = () => FinancialSeries.AccumulateBlock(rows, PathKernel.BlockSize, 44, 1, buffers.FinancialNpv, 3, 1, 256);
        act.Should().Throw<ArgumentOutOfRangeException>("read as 3 entities, the 3,000 values hold 200 paths, which end before path 256");
        FinancialSeries.AccumulateBlock(rows, PathKernel.BlockSize, 44, 1, buffers.FinancialNpv, 2, 1, 256);
    }

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);

    /// <summary>Metric rows with the kernel's shape of zeros: whole rows of +0.0 or −0.0, sparse rows, damage without recovery and recovery equal to damage.</summary>
    private static void FillRows(System.Random random, double[] rows, int count)
    {
        Array.Clear(rows);
        foreach (var metric in OpexMetrics)
        {
            Fill(metric, random.Next(5) == 0 ? 0 : 1);
        }

        var pattern = random.Next(6);
        foreach (var metric in CapexMetrics.Concat(RevenueMetrics))
        {
            // Mostly zero rows (the common case), sometimes −0.0 or sparse, sometimes dense.
            Fill(metric, pattern switch { 0 or 1 => 0, 2 => -1, 3 => 0.02, 4 => 0.3, _ => 1 });
        }

        for (var p = 0; p < count; p++)
        {
            var capex = CapexMetrics.Sum(m => rows[((int)m * PathKernel.BlockSize) + p]);
            var revenue = RevenueMetrics.Sum(m => rows[((int)m * PathKernel.BlockSize) + p]);
            rows[((int)Metric.InsuredPropertyCny * PathKernel.BlockSize) + p] = Recovery(capex);
            rows[((int)Metric.InsuredBiCny * PathKernel.BlockSize) + p] = Recovery(revenue);
        }

        double Recovery(double loss) => random.Next(6) switch
        {
            0 => loss, // net exactly zero
            1 => -0.0,
            2 => 1e-310, // a recovery without damage: gross zero, net not
            3 => loss * 0.7,
            _ => 0.0,
        };

        void Fill(Metric metric, double density)
        {
            var row = rows.AsSpan((int)metric * PathKernel.BlockSize, count);
            for (var p = 0; p < row.Length; p++)
            {
                row[p] = density < 0 ? -0.0
                    : random.NextDouble() < density ? random.Next(10) switch { 0 => 1e-310, 1 => -2.5e5, _ => random.NextDouble() * 1e7 }
                    : 0.0;
            }
        }
    }
}
