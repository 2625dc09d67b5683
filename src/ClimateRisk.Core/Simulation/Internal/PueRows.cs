using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using ClimateRisk.Core.Numerics.Internal;

namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>
/// A site's six PUE rows of one (scenario, year) as functions of its climate PUE x (the table
/// lookup of MODEL §4, before the planned change), with the operations of
/// <c>PathKernel.Chronic</c> in its order: PUE = x + planned, drift = x − reported,
/// energy = E_IT · PUE, breach = [limit &lt; PUE], surcharge = [breach] · (E_IT · (PUE − limit)) · rate
/// (the tier-2 rate above tier 2), premium = (renewable share · energy) · premium rate.
/// </summary>
/// <remarks>
/// The simulator keeps x instead of the six rows, reduces the six cells from x and, at a
/// horizon, makes the surcharge and premium rows the OpEx items read from it: one selection of x, since
/// each row is a non-decreasing function of x when <see cref="IsNonDecreasing"/> holds (IEEE
/// addition of a constant and multiplication by a non-negative one never reverse an order).
/// Every lane here runs the kernel's operations on the same operands (no fused multiply-add on
/// either side), so a row made here has the kernel's bits; PueRowsTests checks that against
/// the kernel's own rows.
/// </remarks>
internal readonly struct PueRows : IMappedRows
{
    private const ulong RowMask = (1UL << (int)Metric.Pue) | (1UL << (int)Metric.PueDrift) | (1UL << (int)Metric.PueLimitBreach)
        | (1UL << (int)Metric.FacilityEnergyMwh) | (1UL << (int)Metric.PueSurchargeCny) | (1UL << (int)Metric.RenewablePremiumCny);

    private readonly double _planned;
    private readonly double _reported;
    private readonly double _itEnergyMwh;
    private readonly double _limit;
    private readonly double _tier2;
    private readonly double _rate;
    private readonly double _tier2Rate;
    private readonly double _renewableShare;
    private readonly double _premiumCnyPerMwh;

    public PueRows(SitePlan plan, ScenarioPlan scenario, int yearIndex)
    {
        _planned = plan.PlannedChange[yearIndex];
        _reported = plan.Site.ReportedPue;
        _itEnergyMwh = plan.ItEnergyMwh[yearIndex];
        _limit = plan.LimitPue[yearIndex];
        _tier2 = plan.Tier2Pue[yearIndex];
        _rate = plan.RateCnyPerMwh[yearIndex];
        _tier2Rate = plan.Tier2RateCnyPerMwh[yearIndex];
        _renewableShare = plan.RenewableShare[yearIndex];
        _premiumCnyPerMwh = scenario.Premium[yearIndex];

        // The products keep the order of their other factor only for a factor ≥ +0 (−0 would
        // turn a +0 into −0, which a selection orders apart); the IT energy > 0, so the energy
        // of a positive PUE is positive; above tier 2 the rate may only rise.
        IsNonDecreasing = double.IsFinite(_planned) && double.IsFinite(_reported)
            && double.IsFinite(_itEnergyMwh) && _itEnergyMwh > 0
            && IsNonNegative(_rate) && IsNonNegative(_renewableShare) && IsNonNegative(_premiumCnyPerMwh)
            && (double.IsNaN(_tier2) || (IsNonNegative(_tier2Rate) && _tier2Rate >= _rate));
    }

    /// <summary>The rows, in the order <see cref="Fill"/> takes them by index.</summary>
    public static ReadOnlySpan<Metric> Metrics => [Metric.Pue, Metric.PueDrift, Metric.PueLimitBreach, Metric.FacilityEnergyMwh, Metric.PueSurchargeCny, Metric.RenewablePremiumCny];

    ReadOnlySpan<Metric> IMappedRows.Metrics => Metrics;

    /// <summary>
    /// Whether every row is a non-decreasing function of x on x with x + planned &gt; 0, and holds
    /// no −0 there: the constants are finite, E_IT &gt; 0, the rates and the renewable share are
    /// +0 or more, and the tier-2 rate is at least the rate (or there is no tier 2).
    /// </summary>
    public bool IsNonDecreasing { get; }

    /// <summary>Whether <paramref name="metric"/> is one of the six rows.</summary>
    public static bool Holds(Metric metric) => ((RowMask >> (int)metric) & 1) != 0;

    /// <summary>PUE = x + planned for the smallest x: the rows keep their order only above 0.</summary>
    public double PueOf(double climatePue) => climatePue + _planned;

    /// <summary>The rows keep the climate PUE's order where PUE = x + planned &gt; 0.</summary>
    public bool KeepsOrderFrom(double minimum) => PueOf(minimum) > 0;

    /// <summary>destination[i] = row <paramref name="metric"/> of x[i] (one of <see cref="Metrics"/>), with the kernel's operations.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than x, or the metric is not one of the six.</exception>
    public void Fill(Metric metric, ReadOnlySpan<double> climatePue, Span<double> destination)
    {
        LaneLoop.CheckSpans(climatePue, destination);
        var row = Metrics.IndexOf(metric);
        if (row < 0)
        {
            throw new ArgumentException($"{metric} is not a PUE row.", nameof(metric));
        }

        ref var x = ref MemoryMarshal.GetReference(climatePue);
        ref var d = ref MemoryMarshal.GetReference(destination);
        var done = Vector512.IsHardwareAccelerated ? Registers<Lanes512>(row, ref x, ref d, climatePue.Length)
            : Vector256.IsHardwareAccelerated ? Registers<Lanes256>(row, ref x, ref d, climatePue.Length)
            : 0;
        if (done < climatePue.Length)
        {
            // The rest one value at a time, through the same lane code on a 128-bit register (as LaneLoop.Scalar).
            var constants = new Constants<Lanes128>(this);
            for (var i = done; i < climatePue.Length; i++)
            {
                Unsafe.Add(ref d, i) = constants.Row(row, new Lanes128(Vector128.Create(Unsafe.Add(ref x, i)))).Value.ToScalar();
            }
        }
    }

    /// <inheritdoc/>
    public ReadOnlySpan<double> Row(Metric metric, ReadOnlySpan<double> x, Span<double> room)
    {
        Fill(metric, x, room);
        return room[..x.Length];
    }

    private static bool IsNonNegative(double value) => double.IsFinite(value) && !double.IsNegative(value);

    /// <summary>Whole registers from the start; returns how many values were written.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private int Registers<T>(int row, ref double x, ref double d, int length)
        where T : struct, ILanes<T>
    {
        var constants = new Constants<T>(this);
        var i = 0;
        for (; i <= length - T.Count; i += T.Count)
        {
            T.Store(constants.Row(row, T.Load(in x, (nuint)i)), ref d, (nuint)i);
        }

        return i;
    }

    /// <summary>The terms on every lane, made once per span; <see cref="Row"/> is the one place the six rows are computed here.</summary>
    private readonly struct Constants<T>(PueRows terms)
        where T : struct, ILanes<T>
    {
        private readonly T _planned = T.Create(terms._planned);
        private readonly T _reported = T.Create(terms._reported);
        private readonly T _itEnergy = T.Create(terms._itEnergyMwh);
        private readonly T _limit = T.Create(terms._limit);
        private readonly T _tier2 = T.Create(terms._tier2);
        private readonly T _rate = T.Create(terms._rate);
        private readonly T _tier2Rate = T.Create(terms._tier2Rate);
        private readonly T _renewable = T.Create(terms._renewableShare);
        private readonly T _premiumRate = T.Create(terms._premiumCnyPerMwh);
        private readonly T _zero = T.Create(0.0);
        private readonly T _one = T.Create(1.0);

        /// <summary>Row <paramref name="row"/> (index into <see cref="Metrics"/>) of the climate PUE on each lane, with the kernel's operations in its order.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public T Row(int row, T climate)
        {
            var pue = climate + _planned;
            return row switch
            {
                0 => pue,
                1 => climate - _reported,
                2 => T.Select(T.LessThan(_limit, pue), _one, _zero),
                3 => _itEnergy * pue,
                4 => T.Select(T.LessThan(_limit, pue), _itEnergy * (pue - _limit) * T.Select(T.LessThan(_tier2, pue), _tier2Rate, _rate), _zero),
                _ => _renewable * (_itEnergy * pue) * _premiumRate,
            };
        }
    }
}
