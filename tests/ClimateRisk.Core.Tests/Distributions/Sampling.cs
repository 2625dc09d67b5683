namespace ClimateRisk.Core.Tests.Distributions;

/// <summary>Fixed-seed inverse-transform sampling helpers for the statistical tests.</summary>
internal static class Sampling
{
    /// <summary>Sample mean and its standard error (sample s.d. / √n) of g(U), U ~ U(0, 1) from System.Random(seed).</summary>
    public static (double Mean, double StandardError) MeanAndStandardError(int seed, int n, Func<double, double> g)
    {
        var rng = new System.Random(seed);
        double sum = 0, sumSq = 0;
        int count = 0;
        while (count < n)
        {
            double u = rng.NextDouble();
            if (u == 0.0)
            {
                continue; // NextDouble is in [0, 1); the open interval is needed for continuous quantiles.
            }

            double x = g(u);
            sum += x;
            sumSq += x * x;
            count++;
        }

        double mean = sum / n;
        double variance = (sumSq - (n * mean * mean)) / (n - 1);
        return (mean, Math.Sqrt(variance / n));
    }
}
