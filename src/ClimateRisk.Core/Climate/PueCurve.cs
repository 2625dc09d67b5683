using System.Runtime.CompilerServices;
using ClimateRisk.Core.Distributions;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Numerics.Internal;

namespace ClimateRisk.Core.Climate;

/// <summary>
/// A site's annual PUE as a function of a uniform shift Δ of its climate, calibrated to the
/// reported PUE and tabulated for the kernel (MODEL §4).
/// </summary>
/// <remarks>
/// A_s(Δ) = Σ_m (h_m/8760) · E[PUE_h(T)], T ~ N(μ_m + Δ, σ_h²), with
/// PUE_h(T) = P_floor + β·w·softplus((T − T_knee)/w). The expectation uses Gauss–Hermite
/// quadrature. A_s is affine in P_floor, so the calibration A_s(0) = reported PUE is solved in
/// closed form: P_floor = PUE_reported − β·w·S(0), S(Δ) = Σ_m (h_m/8760)·E[softplus(·)].
/// The table covers Δ ∈ [−6, +12] °C at 0.02 °C; Δ outside is clamped to the ends (a 2050
/// site warming beyond +12 °C is far outside every SSP's range).
/// A site with a response learned from its own telemetry (<see cref="FromResponse"/>) replaces
/// the softplus by that tabulated hourly curve f (linear between its points, flat outside) and
/// the floor by a level shift: A_s(Δ) = shift + Σ_m (h_m/8760)·E[f(T)], shift = PUE_reported − that
/// sum at Δ = 0 — the shape from telemetry, the level from the disclosure.
/// </remarks>
public sealed class PueCurve
{
    /// <summary>Lowest tabulated shift, °C.</summary>
    public const double MinDeltaC = -6.0;

    /// <summary>Highest tabulated shift, °C.</summary>
    public const double MaxDeltaC = 12.0;

    /// <summary>Table step, °C.</summary>
    public const double StepC = 0.02;

    /// <summary>Gauss–Hermite nodes used (MODEL asks for at least 20).</summary>
    public const int QuadratureNodes = 32;

    private static readonly int[] DaysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    private readonly CoolingType _cooling;
    private readonly SiteClimate _climate;
    private readonly PiecewiseLinear? _learned;
    private readonly double[] _table;

    private PueCurve(CoolingType cooling, SiteClimate climate, double floor, PiecewiseLinear? learned = null)
    {
        _cooling = cooling;
        _climate = climate;
        _learned = learned;
        Floor = floor;
        var count = (int)Math.Round((MaxDeltaC - MinDeltaC) / StepC) + 1;
        _table = new double[count];
        for (var i = 0; i < count; i++)
        {
            _table[i] = Annual(MinDeltaC + (i * StepC));
        }
    }

    /// <summary>
    /// P_floor: the PUE with no cooling load beyond the free-cooling floor; for a learned
    /// response, the level shift added to it so that A_s(0) is the reported PUE.
    /// </summary>
    public double Floor { get; }

    /// <summary>The hourly response learned from telemetry, or null when the cooling type's softplus is used.</summary>
    public PiecewiseLinear? LearnedResponse => _learned;

    /// <summary>The lowest tabulated A_s (the kernel never returns less before the planned change).</summary>
    public double LowestTabulated => _table.Min();

    /// <summary>
    /// Calibrates the level of a learned hourly response f(T) (PUE against outdoor temperature,
    /// °C, at the site's median load; linear between points, flat outside) so that A_s(0) equals
    /// <paramref name="reportedPue"/>, and tabulates A_s by the same quadrature as the softplus.
    /// </summary>
    /// <param name="hourlyPue">The learned response f(T).</param>
    /// <param name="cooling">The site's cooling type (kept for reference; its softplus is not used).</param>
    /// <param name="climate">The site's baseline climate (12 monthly means).</param>
    /// <param name="reportedPue">Calibration target.</param>
    /// <exception cref="ArgumentException">When the climate does not have 12 months.</exception>
    public static PueCurve FromResponse(PiecewiseLinear hourlyPue, CoolingType cooling, SiteClimate climate, double reportedPue)
    {
        ArgumentNullException.ThrowIfNull(hourlyPue);
        ArgumentNullException.ThrowIfNull(cooling);
        ArgumentNullException.ThrowIfNull(climate);
        if (climate.MonthlyMeanC.Count != 12)
        {
            throw new ArgumentException($"A site climate needs 12 monthly means, got {climate.MonthlyMeanC.Count}.", nameof(climate));
        }

        var shift = reportedPue - LearnedLoad(hourlyPue, climate, 0.0);
        return new PueCurve(cooling, climate, shift, hourlyPue);
    }

    /// <summary>PUE_h(T): the hourly PUE at outdoor temperature <paramref name="temperatureC"/> that A_s averages (level included).</summary>
    public double Hourly(double temperatureC)
        => _learned is { } f
            ? Floor + f.At(temperatureC)
            : Floor + (_cooling.BetaPuePerC * _cooling.WidthC * Softplus((temperatureC - _cooling.KneeC) / _cooling.WidthC));

    /// <summary>Calibrates P_floor so that A_s(0) equals <paramref name="reportedPue"/> and tabulates A_s.</summary>
    /// <exception cref="ArgumentException">When the climate does not have 12 months.</exception>
    public static PueCurve Calibrate(CoolingType cooling, SiteClimate climate, double reportedPue)
    {
        ArgumentNullException.ThrowIfNull(cooling);
        ArgumentNullException.ThrowIfNull(climate);
        if (climate.MonthlyMeanC.Count != 12)
        {
            throw new ArgumentException($"A site climate needs 12 monthly means, got {climate.MonthlyMeanC.Count}.", nameof(climate));
        }

        var floor = reportedPue - (cooling.BetaPuePerC * cooling.WidthC * CoolingLoad(cooling, climate, 0.0));
        return new PueCurve(cooling, climate, floor);
    }

    /// <summary>
    /// The lowest annual PUE the kernel can produce for this site before its planned change:
    /// A_s at the coolest tabulated shift (<see cref="MinDeltaC"/>; A_s rises with Δ and
    /// <see cref="Lookup"/> clamps below it). Computed without the table, so input validation
    /// can check PUE ≥ 1 cheaply.
    /// </summary>
    public static double LowestAnnual(CoolingType cooling, SiteClimate climate, double reportedPue)
    {
        ArgumentNullException.ThrowIfNull(cooling);
        ArgumentNullException.ThrowIfNull(climate);
        var scale = cooling.BetaPuePerC * cooling.WidthC;
        return reportedPue - (scale * CoolingLoad(cooling, climate, 0.0)) + (scale * CoolingLoad(cooling, climate, MinDeltaC));
    }

    /// <summary>A_s(Δ) by quadrature (exact model value, not the table).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Annual(double deltaC)
        => _learned is { } f
            ? Floor + LearnedLoad(f, _climate, deltaC)
            : Floor + (_cooling.BetaPuePerC * _cooling.WidthC * CoolingLoad(_cooling, _climate, deltaC));

    /// <summary>The table A_s(<see cref="MinDeltaC"/> + i·<see cref="StepC"/>), for the kernel's vector form of <see cref="Lookup"/>.</summary>
    internal double[] Table => _table;

    /// <summary>A_s(Δ) interpolated from the table (what the kernel uses; its vector form, PathKernel.PueLookup, gives the same bits).</summary>
    public double Lookup(double deltaC)
    {
        var position = (deltaC - MinDeltaC) / StepC;
        if (!(position > 0))
        {
            return _table[0];
        }

        var last = _table.Length - 1;
        if (position >= last)
        {
            return _table[last];
        }

        var i = (int)position;
        var w = position - i;
        return _table[i] + (w * (_table[i + 1] - _table[i]));
    }

    // Run for each of the table's 901 shifts, 12 months × 32 nodes each, when a site plan is
    // built: compiled optimised at once rather than first run at tier 0.
    // A month's 32 softplus values are taken on vector lanes at once (Softplus over a span,
    // the vector exp and ln): with libm's, one per node, the tables were a fifth of a screening
    // run's CPU (docs/performance.md, twentieth session).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit] // Each month's loads are written before they are read.
    private static double CoolingLoad(CoolingType cooling, SiteClimate climate, double deltaC)
    {
        var rule = GaussHermite.ForStandardNormal(QuadratureNodes);
        var nodes = rule.Nodes;
        var weights = rule.Weights;
        Span<double> load = stackalloc double[QuadratureNodes];
        load = load[..nodes.Length];
        var total = 0.0;
        double hourlySd = climate.HourlySdC, knee = cooling.KneeC, width = cooling.WidthC;
        for (var m = 0; m < 12; m++)
        {
            // The month's shifted mean read once, not through the list's interface per node (the
            // same sum, (mean + Δ) + σ·z, so the same bits).
            var shiftedMean = climate.MonthlyMeanC[m] + deltaC;
            for (var i = 0; i < nodes.Length; i++)
            {
                var t = shiftedMean + (hourlySd * nodes[i]);
                load[i] = (t - knee) / width;
            }

            Softplus(load);
            var expectation = 0.0;
            for (var i = 0; i < nodes.Length; i++)
            {
                expectation += weights[i] * load[i];
            }

            total += DaysInMonth[m] * 24.0 / 8760.0 * expectation;
        }

        return total;
    }

    /// <summary>Σ_m (h_m/8760)·E[f(T)], T ~ N(μ_m + Δ, σ_h²), by the same Gauss–Hermite rule as <see cref="CoolingLoad"/>.</summary>
    // Run for each of the table's 901 shifts, 12 months × 32 nodes each, when a site plan is
    // built: compiled optimised at once rather than first run at tier 0.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double LearnedLoad(PiecewiseLinear hourlyPue, SiteClimate climate, double deltaC)
    {
        var rule = GaussHermite.ForStandardNormal(QuadratureNodes);
        var nodes = rule.Nodes;
        var weights = rule.Weights;
        var total = 0.0;
        var hourlySd = climate.HourlySdC;
        for (var m = 0; m < 12; m++)
        {
            var shiftedMean = climate.MonthlyMeanC[m] + deltaC;
            var expectation = 0.0;
            for (var i = 0; i < nodes.Length; i++)
            {
                var t = shiftedMean + (hourlySd * nodes[i]);
                expectation += weights[i] * hourlyPue.At(t);
            }

            total += DaysInMonth[m] * 24.0 / 8760.0 * expectation;
        }

        return total;
    }

    /// <summary>
    /// ln(1 + eˣ) without overflow for large x or loss of precision for very negative x:
    /// max(x, 0) + ln(1 + e^−|x|), with the vector exp and ln (≤ 1 ulp each); lane 0 of
    /// <see cref="SoftplusOperator"/>, so bit for bit each element of <see cref="Softplus(Span{double})"/>.
    /// </summary>
    internal static double Softplus(double x) => LaneLoop.Scalar<SoftplusOperator>(x);

    /// <summary>x[i] ← <see cref="Softplus(double)"/>(x[i]) for every element, on vector lanes.</summary>
    internal static void Softplus(Span<double> x) => LaneLoop.Apply<SoftplusOperator>(x, x);

    private readonly struct SoftplusOperator : IUnaryLanes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
        public static T Invoke<T>(T x)
            where T : struct, ILanes<T>
        {
            var tail = VectorMath.Log(T.Create(1.0) + VectorMath.Exp(-T.Abs(x)));
            return T.Select(T.LessThan(T.Create(0.0), x), x + tail, tail);
        }
    }
}
