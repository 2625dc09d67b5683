using System.Runtime.CompilerServices;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;

namespace ClimateRisk.Core.Planning.Internal;

/// <summary>
/// Sums of several metrics over paths, each added in path order from 0.0 exactly as a loop over
/// the whole path array would (so <c>Sum(k) / n</c> is bit for bit that loop's mean), but fed
/// block by block from the kernel's rows while they are in cache. The metrics' sums are
/// independent chains, advanced four at a time, so the additions run at throughput rather than
/// one add's latency per value.
/// </summary>
internal sealed class PathOrderSums
{
    private readonly int[] _rowOffsets;
    private readonly double[] _sums;

    public PathOrderSums(IReadOnlyList<Metric> metrics)
    {
        _rowOffsets = metrics.Select(m => (int)m * PathKernel.BlockSize).ToArray();
        _sums = new double[metrics.Count];
    }

    public int Count => _sums.Length;

    /// <summary>The sum of metric k (in constructor order) over the paths added since <see cref="Clear"/>.</summary>
    public double Sum(int k) => _sums[k];

    public void Clear() => Array.Clear(_sums);

    /// <summary>Adds paths [0, <paramref name="count"/>) of a block's rows ([metric · BlockSize + path]), in path order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<double> rows, int count)
    {
        if ((uint)count > PathKernel.BlockSize || rows.Length < MetricNames.Count * PathKernel.BlockSize)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "Not a block of the kernel's rows.");
        }

        var k = 0;
        for (; k + 4 <= _sums.Length; k += 4)
        {
            var r0 = rows.Slice(_rowOffsets[k], count);
            var r1 = rows.Slice(_rowOffsets[k + 1], count);
            var r2 = rows.Slice(_rowOffsets[k + 2], count);
            var r3 = rows.Slice(_rowOffsets[k + 3], count);
            double s0 = _sums[k], s1 = _sums[k + 1], s2 = _sums[k + 2], s3 = _sums[k + 3];
            for (var p = 0; p < count; p++)
            {
                s0 += r0[p];
                s1 += r1[p];
                s2 += r2[p];
                s3 += r3[p];
            }

            (_sums[k], _sums[k + 1], _sums[k + 2], _sums[k + 3]) = (s0, s1, s2, s3);
        }

        for (; k < _sums.Length; k++)
        {
            var s = _sums[k];
            foreach (var v in rows.Slice(_rowOffsets[k], count))
            {
                s += v;
            }

            _sums[k] = s;
        }
    }
}
