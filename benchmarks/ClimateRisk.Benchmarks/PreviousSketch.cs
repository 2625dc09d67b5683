namespace ClimateRisk.Benchmarks;

/// <summary>
/// The bucket-index pass of QuantileSketch.Build as it was before the bucket index came from
/// the bits (commit 5a8f9ca: ⌈ln|x| / ln γ⌉, one logarithm per value), kept only so
/// <see cref="SketchBenchmarks"/> can state the speed-up in one run. Same two passes over the
/// values and the same counting as the current Build.
/// </summary>
internal static class PreviousSketch
{
    public static long BuildCounts(ReadOnlySpan<double> values, int[] indices, double accuracy = 0.005)
    {
        var logGamma = Math.Log((1 + accuracy) / (1 - accuracy));
        int minPos = int.MaxValue, maxPos = int.MinValue;
        for (var i = 0; i < values.Length; i++)
        {
            var magnitude = Math.Abs(values[i]);
            if (magnitude < 1e-9)
            {
                continue;
            }

            var index = (int)Math.Ceiling(Math.Log(Math.Min(magnitude, double.MaxValue)) / logGamma);
            indices[i] = index;
            minPos = Math.Min(minPos, index);
            maxPos = Math.Max(maxPos, index);
        }

        var counts = new long[maxPos - minPos + 1];
        for (var i = 0; i < values.Length; i++)
        {
            if (Math.Abs(values[i]) >= 1e-9)
            {
                counts[indices[i] - minPos]++;
            }
        }

        return counts.Length;
    }
}
