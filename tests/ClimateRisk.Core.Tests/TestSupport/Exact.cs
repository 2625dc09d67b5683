using ClimateRisk.Core.Statistics;

namespace ClimateRisk.Core.Tests.TestSupport;

/// <summary>Values as their bits, for comparisons that must tell −0 from +0 and NaN payloads apart (record and double equality do not).</summary>
internal static class Exact
{
    /// <summary>Every value's bits.</summary>
    public static long[] Bits(ReadOnlySpan<double> values)
    {
        var bits = new long[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            bits[i] = BitConverter.DoubleToInt64Bits(values[i]);
        }

        return bits;
    }

    /// <summary>A cell's count and the bits of every statistic, in the order of the results files.</summary>
    public static long[] Fields(CellStatistics c)
        => [c.Count, .. Bits([c.Mean, c.StandardError, c.StandardDeviation, c.P5, c.P25, c.P50, c.P75, c.P95, c.P99, c.TVaR99, c.PExceed])];
}
