using ClimateRisk.Core.Numerics.Internal;
using ClimateRisk.Core.Statistics.Internal;

namespace ClimateRisk.Core.Tests.Statistics.Internal;

/// <summary>
/// The radix selection against the independent reference: a full sort in IEEE totalOrder
/// (by the key, so −0 before +0), order statistics read off it, and the top k summed exactly
/// (<see cref="ExactSum"/>, itself checked against Python's <c>math.fsum</c>). Exact equality throughout; a zero may come back with either sign (no
/// reader can tell them apart), every other value bit for bit.
/// </summary>
public class RadixSelectTests
{
    private static readonly double[] Probabilities = [0.05, 0.25, 0.50, 0.75, 0.95, 0.99];

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        string[] shapes =
        [
            "zeros-but-one", "zeros-but-one-negative", "ties", "signed", "signed-zeros", "subnormals",
            "one-bucket", "one-bucket-and-outlier", "infinities", "loss", "mostly-zeros", "breach", "continuous",
            "sorted", "reversed", "constant", "huge-range", "periodic-8", "periodic-16", "edge-spike", "spike-below-edge", "sparse-loss", "few-zeros", "rare-zeros", "seven-zeros", "eight-zeros", "npv", "mostly-negative", "one-negative",
        ];
        foreach (var shape in shapes)
        {
            foreach (var n in new[] { 1, 2, 3, 7, 64, 65, 100, 1001, 3_000, 10_000, 20_000, 40_000, 100_000 })
            {
                data.Add(shape, n);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Order_statistics_and_tail_sum_equal_a_full_sort(string shape, int n)
    {
        var values = Sample(shape, n, seed: n + shape.Length);
        var original = (double[])values.Clone();
        var sorted = values.OrderBy(RadixSelect.Key).ToArray();
        var tailCount = (int)Math.Ceiling(n * 0.01);
        var ranks = WantedRanks(n, n - tailCount);
        var exact = default(ExactSum);
        exact.AddRange(sorted.AsSpan(n - tailCount));
        var expectedTail = exact.Round();

        var zeros = values.Count(v => v == 0);
        var negatives = values.Count(v => v < 0);
        foreach (var (vector, split) in new[] { (true, true), (true, false), (false, false) })
        {
            foreach (var workLength in new[] { n, n / 2, 0 })
            {
                var results = new double[ranks.Length];
                var tail = RadixSelect.Select(values, RadixSelect.Key(sorted[0]), RadixSelect.Key(sorted[^1]), ranks, results, tailCount, zeros, new double[workLength], vector, split ? negatives : 0);
                for (var r = 0; r < ranks.Length; r++)
                {
                    results[r].Should().Be(sorted[ranks[r]], $"rank {ranks[r]} of {n} ({shape}, vector {vector}, split {split}, work {workLength})");
                }

                BitConverter.DoubleToInt64Bits(tail).Should().Be(BitConverter.DoubleToInt64Bits(expectedTail), $"the tail sum ({shape}, vector {vector}, split {split}, work {workLength})");
            }
        }

        values.Should().Equal(original, "the sample is read only");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_rank_at_once_gives_the_sorted_sample(string shape, int n)
    {
        if (n > 1001)
        {
            return;
        }

        var values = Sample(shape, n, seed: 3 * n);
        var sorted = values.OrderBy(RadixSelect.Key).ToArray();
        var ranks = Enumerable.Range(0, n).ToArray();
        var results = new double[n];
        RadixSelect.Select(values, RadixSelect.Key(sorted[0]), RadixSelect.Key(sorted[^1]), ranks, results, 0, values.Count(v => v == 0), new double[n], negativeCount: values.Count(v => v < 0));
        results.Should().Equal(sorted);
    }

    /// <summary>
    /// The shortcut for samples without values below +0 gives the same key offsets as the full
    /// key, for +0, subnormals, ordinary values, MaxValue and +∞, from any minimum at or below them.
    /// </summary>
    [Fact]
    public void Positive_key_offsets_equal_the_full_keys_offsets()
    {
        double[] values = [0.0, double.Epsilon, 2.2250738585072009e-308, 1e-300, 0.5, 1.0, 1.3, 12345.678, 1e300, double.MaxValue, double.PositiveInfinity, 3e-320, 7.25];
        var v = System.Runtime.Intrinsics.Vector512.Create(values.AsSpan(0, 8));
        var w = System.Runtime.Intrinsics.Vector512.Create(values.AsSpan(5, 8));
        foreach (var minimum in new[] { 0.0, double.Epsilon, 1e-310 })
        {
            var minKey = RadixSelect.Key(minimum);
            minKey.Should().BeGreaterThanOrEqualTo(RadixSelect.SignBit);
            foreach (var x in new[] { v, w })
            {
                var positive = PositiveKeys.Offset(x, PositiveKeys.Min(minKey));
                var any = AnyKeys.Offset(x, AnyKeys.Min(minKey));
                for (var lane = 0; lane < 8; lane++)
                {
                    if (x[lane] >= minimum)
                    {
                        positive[lane].Should().Be(any[lane], $"{x[lane]} from {minimum}");
                        positive[lane].Should().Be(RadixSelect.Key(x[lane]) - minKey);
                    }
                }
            }
        }
    }

    [Fact]
    public void The_key_orders_like_the_values_with_minus_zero_first()
    {
        double[] ordered = [double.NegativeInfinity, -double.MaxValue, -1, -double.Epsilon, -0.0, 0.0, double.Epsilon, 2.2250738585072009e-308, 1, double.MaxValue, double.PositiveInfinity];
        for (var i = 1; i < ordered.Length; i++)
        {
            RadixSelect.Key(ordered[i]).Should().BeGreaterThan(RadixSelect.Key(ordered[i - 1]), $"{ordered[i]} after {ordered[i - 1]}");
        }
    }

    private static int[] WantedRanks(int n, int tailStart)
    {
        var ranks = new SortedSet<int> { tailStart };
        foreach (var p in Probabilities)
        {
            var j = (int)Math.Floor((n - 1) * p);
            ranks.Add(j);
            if (j + 1 < n)
            {
                ranks.Add(j + 1);
            }
        }

        return [.. ranks];
    }

    private static double[] Sample(string shape, int n, int seed)
    {
        var random = new System.Random(seed);
        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            var u = random.NextDouble();
            values[i] = shape switch
            {
                "zeros-but-one" => i == n / 2 ? 7.5 : 0.0,
                "zeros-but-one-negative" => i == n / 3 ? -7.5 : 0.0,
                "ties" => Math.Floor(u * 5) - 2,
                "signed" => u < 0.3 ? 0.0 : (u < 0.5 ? -Math.Exp(20 * random.NextDouble()) : Math.Exp(20 * random.NextDouble())),
                "signed-zeros" => u < 0.4 ? 0.0 : (u < 0.8 ? -0.0 : (u < 0.9 ? -u : u)),
                "subnormals" => u < 0.3 ? 0.0 : (u < 0.6 ? double.Epsilon * random.Next(1, 1000) : (u < 0.8 ? -double.Epsilon * random.Next(1, 5) : 2.2250738585072014e-308 * u)),
                "one-bucket" => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(1.0) + random.Next(0, 40)),
                "one-bucket-and-outlier" => i == n - 1 ? 1e300 : BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(1.0) + random.Next(0, 40)),
                "infinities" => u < 0.05 ? double.PositiveInfinity : (u < 0.1 ? double.NegativeInfinity : u - 0.5),
                "loss" => u < 0.6 ? 0.0 : Math.Exp(12 + (3 * random.NextDouble())),
                "mostly-zeros" => u < 0.995 ? 0.0 : Math.Exp(12 * random.NextDouble()),
                "breach" => u < 0.7 ? 0.0 : 1.0,
                "continuous" => 1.3 + (0.05 * (u - 0.5)),
                "sorted" => i,
                "reversed" => -i,
                "constant" => 4.25,
                "huge-range" => u < 0.5 ? -double.MaxValue * u : double.MaxValue * u,

                // A zero minimum with 10 %, 2 % and 0.1 % zeros, and with 7 (too few for the
                // compress in a work space of n) and 8.
                "sparse-loss" => u < 0.1 ? 0.0 : Math.Exp(12 + (3 * random.NextDouble())),
                "few-zeros" => u < 0.02 ? 0.0 : Math.Exp(12 + (3 * random.NextDouble())),
                "rare-zeros" => u < 0.001 ? 0.0 : Math.Exp(12 + (3 * random.NextDouble())),
                "seven-zeros" => i % 97 == 5 && i < 97 * 7 ? 0.0 : Math.Exp(12 + (3 * u)),
                "eight-zeros" => i % 97 == 5 && i < 97 * 8 ? 0.0 : Math.Exp(12 + (3 * u)),

                // Both signs: a spread around zero with zeros, 99.5 % below zero (the tail reaches
                // into the negatives, no split), and one negative value.
                "npv" => u < 0.05 ? 0.0 : (u < 0.4 ? -Math.Exp(10 + (4 * random.NextDouble())) : Math.Exp(10 + (5 * random.NextDouble()))),
                "mostly-negative" => u < 0.995 ? -Math.Exp(10 * random.NextDouble()) : Math.Exp(10 * random.NextDouble()),
                "one-negative" => i == n / 2 ? -1.5 : (u < 0.3 ? 0.0 : u),

                // Every 8th (16th) value small (a subsample with that stride would see nothing else).
                "periodic-8" => i % 8 == 0 ? u : 10 + u,
                "periodic-16" => i % 16 == 0 ? u : 10 + u,

                // A spike of ties exactly at the edge of bucket 1,024 of the key range [1, 2]
                // (1.5), and one just below it, each a fifth of the sample, around the median.
                "edge-spike" => i == 0 ? 1.0 : (i == 1 ? 2.0 : (u < 0.2 ? 1.5 : 1 + random.NextDouble())),
                "spike-below-edge" => i == 0 ? 1.0 : (i == 1 ? 2.0 : (u < 0.2 ? Math.BitDecrement(1.5) : 1 + random.NextDouble())),
                _ => throw new ArgumentOutOfRangeException(nameof(shape)),
            };
        }

        return values;
    }
}
