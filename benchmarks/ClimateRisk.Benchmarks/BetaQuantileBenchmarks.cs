using BenchmarkDotNet.Attributes;
using ClimateRisk.Core.Distributions;

namespace ClimateRisk.Benchmarks;

/// <summary>
/// The flood/surge damage draw's Beta quantile (MODEL §6) on the shapes the bundled JRC curves
/// produce: 4,096 (mean, s.d., u) with the industrial curve's mean and s.d. at depths uniform
/// over (0, 6) m (linear between its points, as <c>PiecewiseLinear</c>), u uniform. The current
/// quantile (own incomplete Beta, ln B once per call, Halley) against the previous one (Math.NET
/// <c>BetaRegularized</c> per evaluation, Newton; <see cref="PreviousBetaQuantile"/>) and the span form on vector lanes. Divide a
/// mean by 4,096 for the cost per draw.
/// </summary>
/// <remarks>
/// Those shapes are mostly U-shaped (a or b below 1), where the starting value is the power-law
/// tail. The kernel's are not: <see cref="KernelShapes"/> runs the span form on 4,096 (a, b, p) it
/// solved in the standard workload (Data/beta_kernel_shapes.csv: every 64th quantile of
/// <c>bench --paths 20000 --workers 1</c> at commit 6b48765, written by a temporary probe at the
/// entry of <c>BetaQuantile.InvCdfLanes</c>; a in 0.69–3.8, b in 0.18–5.5 × 10⁶, half of them
/// with a, b ≥ 1 and so started from Abramowitz &amp; Stegun 26.5.22).
/// </remarks>
[MemoryDiagnoser]
public class BetaQuantileBenchmarks
{
    private const int Count = 4096;

    // data/vulnerability/jrc_flood.csv, industrial: depth m, mean, s.d.
    private static readonly double[] Depths = [0, 0.5, 1, 1.5, 2, 3, 4, 5, 6];
    private static readonly double[] Means = [0, 0.283, 0.482, 0.629, 0.717, 0.857, 0.909, 0.955, 1.0];
    private static readonly double[] Sds = [0, 0.243, 0.296, 0.301, 0.269, 0.234, 0.159, 0.079, 0];

    private readonly double[] _a = new double[Count];
    private readonly double[] _b = new double[Count];
    private readonly double[] _u = new double[Count];
    private readonly double[] _x = new double[Count];

    private readonly double[] _kernelA = new double[Count];
    private readonly double[] _kernelB = new double[Count];
    private readonly double[] _kernelP = new double[Count];

    [GlobalSetup]
    public void Setup()
    {
        ReadKernelShapes();
        var random = new System.Random(20261205);
        for (var i = 0; i < Count; i++)
        {
            double depth = 6.0 * random.NextDouble();
            int k = 1;
            while (Depths[k] < depth)
            {
                k++;
            }

            double w = (depth - Depths[k - 1]) / (Depths[k] - Depths[k - 1]);
            double mean = Means[k - 1] + (w * (Means[k] - Means[k - 1]));
            double sd = Sds[k - 1] + (w * (Sds[k] - Sds[k - 1]));
            (_a[i], _b[i]) = BetaQuantile.ParametersFromMeanSd(mean, sd);
            _u[i] = random.NextDouble();
        }
    }

    [Benchmark(Baseline = true)]
    public double Previous()
    {
        double sum = 0;
        for (var i = 0; i < Count; i++)
        {
            sum += PreviousBetaQuantile.InvCdfUnchecked(_a[i], _b[i], _u[i]);
        }

        return sum;
    }

    [Benchmark]
    public double Current()
    {
        double sum = 0;
        for (var i = 0; i < Count; i++)
        {
            sum += BetaQuantile.InvCdfUnchecked(_a[i], _b[i], _u[i]);
        }

        return sum;
    }

    /// <summary>The same quantiles on vector lanes (8 per AVX-512 register), bit for bit <see cref="Current"/>.</summary>
    [Benchmark]
    public double Lanes()
    {
        BetaQuantile.InvCdfLanes(_a, _b, _u, _x);
        return Sum();
    }

    /// <summary><see cref="Lanes"/> on the kernel's shapes (the class remarks).</summary>
    [Benchmark]
    public double KernelShapes()
    {
        BetaQuantile.InvCdfLanes(_kernelA, _kernelB, _kernelP, _x);
        return Sum();
    }

    /// <summary><see cref="Lanes"/> on 256-bit registers (4 quantiles each).</summary>
    [Benchmark]
    public double Lanes256()
    {
        BetaQuantile.InvCdfLanes<Core.Numerics.Internal.Lanes256>(_a, _b, _u, _x);
        return Sum();
    }

    /// <summary><see cref="Lanes"/> on 128-bit registers (2 quantiles each).</summary>
    [Benchmark]
    public double Lanes128()
    {
        BetaQuantile.InvCdfLanes<Core.Numerics.Internal.Lanes128>(_a, _b, _u, _x);
        return Sum();
    }

    /// <summary>
    /// <see cref="Lanes"/> in lists of 2 and 4 (the kernel's flood and surge lists hold about 4
    /// paths a call: 12 % of calls 1, 17 % 2, 18 % 3, 16 % 4, 20 % of the draws in lists of 8 or more).
    /// </summary>
    [Benchmark]
    [Arguments(2)]
    [Arguments(4)]
    public double LanesInLists(int length)
    {
        for (var i = 0; i < Count; i += length)
        {
            BetaQuantile.InvCdfLanes(_a.AsSpan(i, length), _b.AsSpan(i, length), _u.AsSpan(i, length), _x.AsSpan(i, length));
        }

        return Sum();
    }

    private double Sum()
    {
        double sum = 0;
        for (var i = 0; i < Count; i++)
        {
            sum += _x[i];
        }

        return sum;
    }

    private void ReadKernelShapes()
    {
        using var stream = typeof(BetaQuantileBenchmarks).Assembly.GetManifestResourceStream("beta_kernel_shapes.csv")
            ?? throw new InvalidOperationException("The embedded beta_kernel_shapes.csv is missing.");
        using var reader = new StreamReader(stream);
        _ = reader.ReadLine(); // a,b,p
        for (var i = 0; i < Count; i++)
        {
            var fields = (reader.ReadLine() ?? throw new InvalidOperationException($"beta_kernel_shapes.csv ends at row {i + 2}; {Count} rows expected.")).Split(',');
            _kernelA[i] = double.Parse(fields[0], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
            _kernelB[i] = double.Parse(fields[1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
            _kernelP[i] = double.Parse(fields[2], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
