using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ClimateRisk.Core.Distributions;
using ClimateRisk.Core.Distributions.Internal;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Numerics.Internal;

namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>
/// The flood, surge and wind draws' transforms for only the paths that can reach damage.
/// </summary>
/// <remarks>
/// <para>
/// A site's flood, surge and gust each start from a copula normal z of the path and are damage
/// only in the upper tail: a return period past the first flooding one, a sea level over the
/// crest, a gust over 25.7 m/s or the BI speed. Each is a non-decreasing function of z (Φ, then
/// a quantile), so with the block's largest driver (frequency multiplier, sea level, typhoon
/// intensity) there is one z below which no path of the block gets there. Below it the kernel
/// skips Φ and the quantile (before, 4.7 % of a 100,000-path run's samples went to the GEV and Gumbel quantiles alone)
/// and writes a stand-in that gives the same +0.0 outcomes the value would have given; at or
/// above it, the paths are gathered and transformed as before, so their bits are the same.
/// </para>
/// <para>
/// The bound z_c is found once per site and block: the threshold on the quantile scale with a
/// relative margin of 10⁻⁹, its probability by the distribution's CDF, z* = Φ⁻¹ of that, less
/// 10⁻³. Then the kernel's own transform is evaluated at z_c and the bound is used only if that
/// value is on the safe side, so what is relied on is only that the computed transforms do not
/// decrease by more than the margin as z grows (they are accurate to a few ulps). Where z*
/// lies beyond ±5 (a threshold in the last 3·10⁻⁷ of the distribution, where Φ's values are
/// coarse near 1, or no saving) or a driver is not finite and positive, every path is transformed.
/// </para>
/// </remarks>
internal sealed partial class PathKernel
{
    /// <summary>The largest |z*| a bound is used at.</summary>
    private const double TailBoundLimit = 5;

    /// <summary>How far below z* the bound is put.</summary>
    private const double TailBoundMargin = 1e-3;

    /// <summary>Relative margin on the quantile-scale thresholds, against rounding in the kernel's arithmetic after the quantile.</summary>
    private const double TailValueMargin = 1e-9;

    /// <summary>
    /// destination[p] = Φ(sign · z[p]) transformed by <typeparamref name="TTransform"/> for every
    /// path with z[p] &gt; <paramref name="from"/>, <paramref name="standIn"/> for the others; every
    /// path when <paramref name="from"/> is −∞ or most paths are above it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TailTransform<TTransform>(ReadOnlySpan<double> z, double sign, double from, double standIn, Span<double> destination, KernelScratch scratch, TTransform transform)
        where TTransform : struct, ITailTransform
    {
        var count = z.Length;
        if (destination.Length < count)
        {
            throw new ArgumentException("The destination is shorter than the draws.", nameof(destination));
        }

        var list = scratch.TailList;
        var listed = from > double.NegativeInfinity ? ListAbove(z, from, list) : 0;

        if (from == double.NegativeInfinity || 4 * listed > 3 * count)
        {
            LaneLoop.Multiply(sign, z, destination);

            VectorNormal.Cdf(destination[..count], destination);
            transform.Apply(destination[..count]);
            return;
        }

        var compact = scratch.TailDraws.Slice(0, listed);
        for (var j = 0; j < listed; j++)
        {
            compact[j] = sign * z[list[j]];
        }

        VectorNormal.Cdf(compact, compact);
        transform.Apply(compact);
        destination[..count].Fill(standIn);
        for (var j = 0; j < listed; j++)
        {
            destination[list[j]] = compact[j];
        }
    }

    /// <summary>
    /// The paths p with z[p] &gt; <paramref name="from"/> (NaN never), ascending, into
    /// <paramref name="list"/> (room for every path); returns how many. Eight paths a compare
    /// where AVX-512 runs, their indices appended only for a register with one listed.
    /// </summary>
    /// <remarks>
    /// Why: usually few paths of a block are above the bound (a flood past the first flooding
    /// return period, a surge over the crest), and the loop of one compare and store per path
    /// was most of <see cref="TailTransform{TTransform}"/>'s time.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static int ListAbove(ReadOnlySpan<double> z, double from, int[] list)
    {
        if (list.Length < z.Length)
        {
            throw new ArgumentException("The list is shorter than the draws.", nameof(list));
        }

        var listed = 0;
        var p = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var bound = Vector512.Create(from);
            ref var first = ref MemoryMarshal.GetReference(z);
            for (; p <= z.Length - Vector512<double>.Count; p += Vector512<double>.Count)
            {
                var bits = (uint)Vector512.GreaterThan(Vector512.LoadUnsafe(ref first, (nuint)p), bound).ExtractMostSignificantBits();
                if (bits != 0)
                {
                    listed = AppendPacked<Lanes512>(bits, p, list, listed);
                }
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var bound = Vector256.Create(from);
            ref var first = ref MemoryMarshal.GetReference(z);
            for (; p <= z.Length - Vector256<double>.Count; p += Vector256<double>.Count)
            {
                var bits = Vector256.GreaterThan(Vector256.LoadUnsafe(ref first, (nuint)p), bound).ExtractMostSignificantBits();
                if (bits != 0)
                {
                    listed = AppendPacked<Lanes256>(bits, p, list, listed);
                }
            }
        }

        for (; p < z.Length; p++)
        {
            list[listed] = p;
            listed += z[p] > from ? 1 : 0;
        }

        return listed;
    }

    /// <summary>
    /// The z of the flood draw below which no path of the block is listed for damage (−∞ for none,
    /// +∞ where no return period floods the site):
    /// listed is R·m ≥ R₀ (<see cref="SitePlan.ListFloodFromY"/>) with R = 1/Φ(−z), so
    /// Φ(−z) ≥ m_max/R₀ · (1 + 10⁻⁹) keeps a path out.
    /// The stand-in is an exceedance of +∞ (R·m = 0).
    /// </summary>
    internal static double FloodTailFrom(SitePlan plan, ReadOnlySpan<double> frequency) => FloodTailFrom(plan, LargestPositive(frequency));

    /// <summary><see cref="FloodTailFrom(SitePlan, ReadOnlySpan{double})"/> from the block's <see cref="LargestPositive"/> frequency multiplier, found once for every site.</summary>
    private static double FloodTailFrom(SitePlan plan, double largest)
    {
        if (plan.FirstPositiveDepth < 0)
        {
            // No return period floods the site: no path is listed and the exceedance is not read.
            return double.PositiveInfinity;
        }

        var noFloodBelow = plan.ListFloodFromY;
        if (double.IsPositiveInfinity(noFloodBelow))
        {
            // No depth reaches the floor: likewise.
            return double.PositiveInfinity;
        }

        // ListFloodFromY is at least NoFloodBelowY, finite and positive here, or NaN from a broken table.
        if (!(noFloodBelow > 0) || !(largest > 0))
        {
            return double.NegativeInfinity;
        }

        var exceedance = largest / noFloodBelow * (1 + TailValueMargin);
        if (!(exceedance < 1))
        {
            return double.NegativeInfinity;
        }

        var from = -VectorNormal.InvCdf(exceedance) - TailBoundMargin;
        return from is >= -TailBoundLimit and <= TailBoundLimit
            && 1.0 / VectorNormal.Cdf(-from) * largest < noFloodBelow
            ? from
            : double.NegativeInfinity;
    }

    /// <summary>
    /// The z of the surge draw below which no path of the block has its level over the crest
    /// (−∞ for none): level = Q(Φ(z)) + sea level + subsidence, so Q ≤ crest − the block's highest
    /// sea level − subsidence − a margin keeps a path out. The stand-in is a quantile of −∞.
    /// </summary>
    /// <param name="levels">The surge's GEV (<see cref="SitePlan.SurgeLevels"/>); null: every path is transformed.</param>
    /// <param name="crestM">Defence crest, m.</param>
    /// <param name="subsidenceM">Subsidence to the year, m (<see cref="SubsidenceM"/>).</param>
    /// <param name="seaLevelRiseM">The block's sea-level rise per path, m.</param>
    internal static double SurgeTailFrom(GeneralizedExtremeValue? levels, double crestM, double subsidenceM, ReadOnlySpan<double> seaLevelRiseM)
        => SurgeTailFrom(levels, crestM, subsidenceM, Range(seaLevelRiseM).Largest);

    /// <summary><see cref="SurgeTailFrom(GeneralizedExtremeValue?, double, double, ReadOnlySpan{double})"/> from the block's highest sea-level rise (<see cref="Range"/>), found once for every site.</summary>
    private static double SurgeTailFrom(GeneralizedExtremeValue? levels, double crestM, double subsidenceM, double highest)
    {
        if (levels is null || !double.IsFinite(highest))
        {
            return double.NegativeInfinity;
        }

        var quantile = crestM - highest - subsidenceM - (TailValueMargin * (Math.Abs(crestM) + Math.Abs(highest) + Math.Abs(subsidenceM) + 1));
        var from = VectorNormal.InvCdf(levels.Cdf(quantile)) - TailBoundMargin;
        return from is >= -TailBoundLimit and <= TailBoundLimit
            && VectorQuantiles.Gev(levels.Location, levels.Scale, levels.Shape, VectorNormal.Cdf(from)) <= quantile
            ? from
            : double.NegativeInfinity;
    }

    /// <summary>
    /// The z of the wind draw below which no path of the block has a gust over 25.7 m/s or the BI
    /// speed (−∞ for none): gust = Q(Φ(z)) · intensity, so Q ≤ min(25.7, v_BI) / the block's largest
    /// intensity · (1 − 10⁻⁹) keeps a path out (intensities all positive). The stand-in is a
    /// quantile of 0 (gust 0).
    /// </summary>
    /// <param name="gusts">The gust's Gumbel (<see cref="SitePlan.Gusts"/>); null: every path is transformed.</param>
    /// <param name="biSpeedMs">Gust from which there is BI, m/s.</param>
    /// <param name="intensity">The block's typhoon intensity factor per path.</param>
    internal static double WindTailFrom(Gumbel? gusts, double biSpeedMs, ReadOnlySpan<double> intensity)
        => WindTailFrom(gusts, biSpeedMs, Range(intensity));

    /// <summary><see cref="WindTailFrom(Gumbel?, double, ReadOnlySpan{double})"/> from the block's <see cref="Range"/> of intensities, found once for every site.</summary>
    private static double WindTailFrom(Gumbel? gusts, double biSpeedMs, (double Smallest, double Largest) intensity)
    {
        var (smallest, largest) = intensity;
        var lowestDamaging = Math.Min(WindThresholdMs, biSpeedMs);
        if (gusts is null || !(smallest > 0) || !double.IsFinite(largest) || !(lowestDamaging > 0))
        {
            return double.NegativeInfinity;
        }

        var quantile = lowestDamaging / largest * (1 - TailValueMargin);
        var from = VectorNormal.InvCdf(gusts.Cdf(quantile)) - TailBoundMargin;
        return from is >= -TailBoundLimit and <= TailBoundLimit
            && VectorQuantiles.Gumbel(gusts.Location, gusts.Scale, VectorNormal.Cdf(from)) <= quantile
            ? from
            : double.NegativeInfinity;
    }

    /// <summary>Coastal subsidence to <paramref name="year"/> since the base year, m (§7): the kernel's lists and the surge's tail bound take it from here.</summary>
    internal static double SubsidenceM(SurgeExposure surge, int year) => surge.SubsidenceMPerYear * (year - SimulationSettings.BaseYear);

    /// <summary>
    /// The smallest and the largest value (Math.Min and Math.Max in path order; NaN if any is NaN;
    /// +∞ and −∞ for none).
    /// </summary>
    /// <remarks>
    /// Why registers: the block extremes (this and <see cref="LargestPositive"/>) were chains of
    /// scalar Math.Min and Math.Max, about 0.5 ns a site-year of the standard workload and 7 % of
    /// a screening run, where each candidate is a site alone. Math.Max and Vector512/256.Max are all
    /// IEEE 754:2019 maximum (NaN wins, +0 above −0), likewise the minima, which are associative
    /// and commutative, so the lanes' order gives the path order's value.
    /// </remarks>
    internal static (double Smallest, double Largest) Range(ReadOnlySpan<double> values)
    {
        var smallest = double.PositiveInfinity;
        var largest = double.NegativeInfinity;
        var p = Vector512.IsHardwareAccelerated ? RangeRegisters<Lanes512>(values, ref smallest, ref largest)
            : Vector256.IsHardwareAccelerated ? RangeRegisters<Lanes256>(values, ref smallest, ref largest)
            : 0;
        for (; p < values.Length; p++)
        {
            smallest = Math.Min(smallest, values[p]);
            largest = Math.Max(largest, values[p]);
        }

        return (smallest, largest);
    }

    /// <summary>
    /// <see cref="Range"/>'s whole registers (none when the span is shorter than one), folded
    /// into <paramref name="smallest"/> and <paramref name="largest"/>; returns the paths done.
    /// At any width: on four lanes (AVX2, a Zen 3) the scalar chains were still 6 % of
    /// `bench --screening 1000` (docs/performance.md, twenty-ninth session).
    /// </summary>
    internal static int RangeRegisters<T>(ReadOnlySpan<double> values, ref double smallest, ref double largest)
        where T : struct, ILanes<T>
    {
        if (values.Length < T.Count)
        {
            return 0;
        }

        ref readonly var v = ref MemoryMarshal.GetReference(values);
        var low = T.Create(double.PositiveInfinity);
        var high = T.Create(double.NegativeInfinity);
        var p = 0;
        for (; p <= values.Length - T.Count; p += T.Count)
        {
            var x = T.Load(in v, (nuint)p);
            low = T.Min(low, x);
            high = T.Max(high, x);
        }

        Span<double> lanes = stackalloc double[2 * T.Count];
        T.Store(low, ref lanes[0], 0);
        T.Store(high, ref lanes[0], (nuint)T.Count);
        for (var l = 0; l < T.Count; l++)
        {
            smallest = Math.Min(smallest, lanes[l]);
            largest = Math.Max(largest, lanes[T.Count + l]);
        }

        return p;
    }

    /// <summary>The largest value if every value is positive and finite, else NaN.</summary>
    internal static double LargestPositive(ReadOnlySpan<double> values)
    {
        var largest = 0.0;
        var p = Vector512.IsHardwareAccelerated ? LargestPositiveRegisters<Lanes512>(values, ref largest)
            : Vector256.IsHardwareAccelerated ? LargestPositiveRegisters<Lanes256>(values, ref largest)
            : 0;
        if (p < 0)
        {
            return double.NaN;
        }

        for (; p < values.Length; p++)
        {
            var x = values[p];
            if (!(x > 0) || !double.IsFinite(x))
            {
                return double.NaN;
            }

            largest = Math.Max(largest, x);
        }

        return largest;
    }

    /// <summary>
    /// <see cref="LargestPositive"/>'s whole registers folded into <paramref name="largest"/>;
    /// returns the paths done, or −1 when a value is not positive and finite.
    /// </summary>
    internal static int LargestPositiveRegisters<T>(ReadOnlySpan<double> values, ref double largest)
        where T : struct, ILanes<T>
    {
        if (values.Length < T.Count)
        {
            return 0;
        }

        ref readonly var v = ref MemoryMarshal.GetReference(values);
        var zero = T.Create(0.0);
        var lanes = zero;
        var allPositiveFinite = T.Equals(zero, zero);
        var infinity = T.Create(double.PositiveInfinity);
        var p = 0;
        for (; p <= values.Length - T.Count; p += T.Count)
        {
            var x = T.Load(in v, (nuint)p);
            // 0 < x < ∞ is false for NaN, zero, negatives and +∞: the scalar loop's test.
            allPositiveFinite = T.And(allPositiveFinite, T.And(T.LessThan(zero, x), T.LessThan(x, infinity)));
            lanes = T.Max(lanes, x);
        }

        if (!T.All(allPositiveFinite))
        {
            return -1;
        }

        Span<double> each = stackalloc double[T.Count];
        T.Store(lanes, ref each[0], 0);
        for (var l = 0; l < T.Count; l++)
        {
            largest = Math.Max(largest, each[l]);
        }

        return p;
    }

    /// <summary>What follows Φ for one peril's draws, in place.</summary>
    private interface ITailTransform
    {
        void Apply(Span<double> probabilities);
    }

    /// <summary>The flood's exceedance probability is Φ(−z) itself.</summary>
    private readonly struct NoTransform : ITailTransform
    {
        public void Apply(Span<double> probabilities)
        {
        }
    }

    /// <summary>The surge's GEV quantile.</summary>
    private readonly struct GevTransform(SurgeExposure surge) : ITailTransform
    {
        public void Apply(Span<double> probabilities) => VectorQuantiles.Gev(surge.GevLocationM, surge.GevScaleM, surge.GevShape, probabilities, probabilities);
    }

    /// <summary>The gust's Gumbel quantile.</summary>
    private readonly struct GumbelTransform(WindExposure wind) : ITailTransform
    {
        public void Apply(Span<double> probabilities) => VectorQuantiles.Gumbel(wind.GumbelLocationMs, wind.GumbelScaleMs, probabilities, probabilities);
    }
}
