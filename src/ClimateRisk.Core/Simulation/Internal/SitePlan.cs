using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using ClimateRisk.Core.Climate;
using ClimateRisk.Core.Distributions;
using ClimateRisk.Core.Finance;
using ClimateRisk.Core.Model;
using ClimateRisk.Core.Numerics.Internal;
using ClimateRisk.Core.Random;

namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>Everything about one site the kernel needs, precomputed once per run into flat arrays.</summary>
internal sealed class SitePlan
{
    /// <summary>
    /// Each site's PUE curve, made once per <see cref="Site"/> object: it depends on the site
    /// alone (cooling, climate, reported PUE, a learned response), a site is an immutable record
    /// (a changed site is a new object), and the curve is read-only once made.
    /// </summary>
    /// <remarks>
    /// Why: the curve is 901 quadratures of 384 points, the bulk of a plan, and <c>run</c> makes
    /// the plans once per scenario (one <c>Simulator.Run</c> each, for its checkpoints) — six
    /// times the same curves. Keyed weakly, so a site no longer referenced takes its curve along.
    /// </remarks>
    private static readonly ConditionalWeakTable<Site, PueCurve> Curves = new();

    private static PueCurve CurveOf(Site site) => site.LearnedPueResponse is { } learned
        ? PueCurve.FromResponse(learned, site.Cooling, site.Climate, site.ReportedPue)
        : PueCurve.Calibrate(site.Cooling, site.Climate, site.ReportedPue);

    /// <param name="site">The site.</param>
    /// <param name="inputs">Shared tables.</param>
    /// <param name="settings">Years simulated.</param>
    /// <param name="keyOverride">Site part of the random-number key; null = from the site id. Candidate comparison passes one
    /// shared key so that every candidate sees the same draws.</param>
    public SitePlan(Site site, ModelInputs inputs, SimulationSettings settings, uint? keyOverride = null)
    {
        Site = site;
        Key = keyOverride ?? SiteKey.FromId(site.Id);
        Pue = Curves.GetValue(site, CurveOf);
        var years = settings.YearCount;
        PlannedChange = new double[years];
        RenewableShare = new double[years];
        ItEnergyMwh = new double[years];
        LimitPue = new double[years];
        RateCnyPerMwh = new double[years];
        Tier2Pue = new double[years];
        Tier2RateCnyPerMwh = new double[years];
        inputs.PueRules.TryGetValue(site.PueJurisdiction, out var rules);
        PilotCarbonCnyPerT = new double[years];
        var pilot = site.CarbonPilot is { } pilotKey && inputs.CarbonPilots.TryGetValue(pilotKey, out var p) && p.Covers(site) ? p : null;
        IsPilotCovered = pilot is not null;
        for (var i = 0; i < years; i++)
        {
            var year = settings.FirstYear + i;
            PlannedChange[i] = site.PlannedPueChange.At(year);
            RenewableShare[i] = site.RenewableShare.At(year);
            ItEnergyMwh[i] = site.ItLoadMw * 8760.0 * Math.Pow(1 + site.LoadGrowth, year - SimulationSettings.BaseYear);
            var rule = rules?.LastOrDefault(r => r.FromYear <= year);
            LimitPue[i] = rule?.LimitPue ?? double.NaN;
            RateCnyPerMwh[i] = (rule?.SurchargeCnyPerKwh ?? 0) * 1000.0;
            Tier2Pue[i] = rule is null ? double.PositiveInfinity : rule.LimitPue * (1 + rule.Tier2ExcessFraction);
            Tier2RateCnyPerMwh[i] = (rule?.Tier2SurchargeCnyPerKwh ?? 0) * 1000.0;
            PilotCarbonCnyPerT[i] = pilot is null ? 0 : pilot.Coverage.At(year) * pilot.PriceCnyPerT.At(year);
        }

        var flood = site.Flood;
        // Only flooding uses a damage curve: a site with neither a flood row nor a surge row
        // needs none, so a table without the default class does not stop an inland portfolio.
        var damageClass = flood?.VulnerabilityClass ?? "industrial";
        if (inputs.DamageCurves.TryGetValue(damageClass, out var damage))
        {
            Damage = damage;
        }
        else if (flood is not null || site.Surge is not null)
        {
            throw new ArgumentException($"Site {site.Id} needs the damage curve of class '{damageClass}', which the inputs do not have.", nameof(inputs));
        }
        else
        {
            Damage = NoDamage;
        }

        FloorHeightM = flood?.FloorHeightM ?? 0;
        Hardening = flood?.Hardening ?? 0;
        if (flood is not null)
        {
            FloodLnReturnPeriod = flood.ReturnPeriodsY.Select(r => Math.Log(r)).ToArray();
            FloodDepthM = [.. flood.DepthsM];
            FirstPositiveDepth = Array.FindIndex(FloodDepthM, d => d > 0);
            _noFloodBelowY = FirstPositiveDepth >= 0 ? flood.ReturnPeriodsY[FirstPositiveDepth] * (1 - 1e-12) : double.PositiveInfinity;
            ProtectionDepthM = flood.ProtectionRpY > 0 ? DepthAt(flood.ProtectionRpY) : double.NaN;
            ListFloodFromY = Math.Max(_noFloodBelowY, Math.Max(HeldBelowY(flood), HeldBelowFloorY(flood)));
        }
        else
        {
            FloodLnReturnPeriod = [];
            FloodDepthM = [];
            FirstPositiveDepth = -1;
            ProtectionDepthM = double.NaN;
            ListFloodFromY = double.PositiveInfinity;
        }

        IsWaterCooled = site.WueLPerKwh >= 0.5;
        ShortfallPmf0 = new double[MaxHotDays + 1];
        for (var n = 1; n <= MaxHotDays; n++)
        {
            ShortfallPmf0[n] = site.Heat.ShortfallProbability is > 0 and < 1 ? BinomialQuantile.Pmf0(n, site.Heat.ShortfallProbability) : double.NaN;
        }
        Insurance = inputs.Finance.Insurance.GetValueOrDefault(site.Id);
        SurgeLevels = site.Surge is { GevScaleM: > 0 } surge && double.IsFinite(surge.GevScaleM) && double.IsFinite(surge.GevLocationM) && double.IsFinite(surge.GevShape)
            ? new GeneralizedExtremeValue(surge.GevLocationM, surge.GevScaleM, surge.GevShape)
            : null;
        Gusts = site.Wind is { GumbelScaleMs: > 0 } wind && double.IsFinite(wind.GumbelScaleMs) && double.IsFinite(wind.GumbelLocationMs)
            ? new Gumbel(wind.GumbelLocationMs, wind.GumbelScaleMs)
            : null;
    }

    /// <summary>Return periods below this certainly give depth 0 (see <see cref="DepthAt"/>).</summary>
    private readonly double _noFloodBelowY;

    /// <summary>Return periods below this certainly give depth 0 (+∞ when no return period floods); the kernel lists only paths at or above it.</summary>
    public double NoFloodBelowY => _noFloodBelowY;

    /// <summary>
    /// Scaled return periods below this give no depth above the defence or above the floor (nor
    /// above 0), so the kernel lists only paths at or above it for flood damage; at least
    /// <see cref="NoFloodBelowY"/>.
    /// </summary>
    /// <remarks>
    /// About nine in ten paths at or above <see cref="NoFloodBelowY"/> come out below the defence
    /// standard (bundled run: 2.87 M listed, 0.29 M kept at 20,000 paths), and of those above it
    /// four in five below the floor (1.45 M listed, 0.28 M kept). The bound must never leave out a
    /// path whose depth exceeds both <see cref="ProtectionDepthM"/> and <see cref="FloorHeightM"/>;
    /// see <see cref="HeldBelowY"/> and <see cref="HeldBelowFloorY"/>.
    /// </remarks>
    public double ListFloodFromY { get; }

    /// <summary>
    /// A return period below which <see cref="DepthAt"/> ≤ <see cref="ProtectionDepthM"/> for
    /// certain (0 when there is none to give), with the depths as computed, rounding included:
    /// <list type="bullet">
    /// <item>Inside the defence standard's own segment (its depth above the segment's lower
    /// knot): R_prot · (1 − 10⁻¹²). Below that, ln R is below ln R_prot (the margin is far above
    /// ln's rounding); in the same segment each step of the interpolation is a correctly rounded
    /// operation with the other operands fixed and non-negative factors, so the depth is at most
    /// the defence's; in a lower segment it is at most one ulp above that segment's upper knot,
    /// hence at most the lower knot's next double, which the defence's depth is at least.</item>
    /// <item>Otherwise (the standard on a knot, on a flat stretch or past the table): the largest
    /// knot whose depth is strictly below the defence's, times (1 − 10⁻¹²), by the second half of
    /// the argument above.</item>
    /// </list>
    /// Needs depths non-decreasing and ln R increasing along the table (the input loader checks
    /// both); otherwise 0, and every path above <see cref="NoFloodBelowY"/> is listed as before.
    /// </summary>
    private double HeldBelowY(FloodExposure flood)
    {
        var x = FloodLnReturnPeriod;
        var depth = FloodDepthM;
        var first = FirstPositiveDepth;
        if (first < 0 || !(ProtectionDepthM > 0) || !TableOrdered())
        {
            return 0;
        }

        var lnProtection = VectorMath.Log(flood.ProtectionRpY);
        var last = x.Length - 1;
        if (lnProtection >= x[first] && lnProtection < x[last])
        {
            var i = SegmentOf(lnProtection);
            if (ProtectionDepthM > depth[i - 1])
            {
                return flood.ProtectionRpY * (1 - 1e-12);
            }
        }

        for (var k = last; k >= 0; k--)
        {
            if (depth[k] < ProtectionDepthM)
            {
                return flood.ReturnPeriodsY[k] * (1 - 1e-12);
            }
        }

        return 0;
    }

    /// <summary>
    /// A return period below which <see cref="DepthAt"/> ≤ <see cref="FloorHeightM"/> for
    /// certain, so no water reaches the floor (0 when the floor is not above 0 or the table is
    /// unusable; +∞ when no depth reaches the floor): R_f · (1 − 10⁻¹²), where R_f is found by
    /// bisection on ln R between <see cref="NoFloodBelowY"/> and the first knot whose depth tops
    /// the floor, keeping the invariant d(R_f) ≤ f⁻ (the double below the floor, evaluated by
    /// <see cref="DepthAt"/> itself, rounding included).
    /// </summary>
    /// <remarks>
    /// Why it holds whatever the bisection does: below R_f · (1 − 10⁻¹²), ln R is below ln R_f
    /// (the margin is far above ln's rounding, as in <see cref="HeldBelowY"/>); with depths
    /// non-decreasing, a lower ln R gives a depth at most the one at R_f in the same segment
    /// (each step of the interpolation is a correctly rounded operation with non-negative
    /// factors) and at most one ulp above its segment's upper knot in a lower segment, which is
    /// at most the depth at R_f. So d(R) ≤ f⁻ + 1 ulp ≤ f, and the kernel keeps only d − f &gt; 0.
    /// </remarks>
    private double HeldBelowFloorY(FloodExposure flood)
    {
        var floor = FloorHeightM;
        if (!(floor > 0) || !double.IsFinite(floor) || FirstPositiveDepth < 0 || !TableOrdered())
        {
            return 0;
        }

        var below = Math.BitDecrement(floor);
        bool Held(double r) => DepthAt(r) <= below;
        var lo = _noFloodBelowY;
        if (!Held(lo))
        {
            return 0;
        }

        // Beyond the table the depth is flat at the last knot's.
        var returnPeriods = flood.ReturnPeriodsY;
        var hi = double.NaN;
        for (var k = FirstPositiveDepth; k < returnPeriods.Count; k++)
        {
            if (!Held(returnPeriods[k]) && returnPeriods[k] > lo)
            {
                hi = returnPeriods[k];
                break;
            }
        }

        if (double.IsNaN(hi))
        {
            return Held(double.MaxValue) ? double.PositiveInfinity : 0;
        }

        // Halving ln R; stops when no double lies strictly between the ends.
        for (var step = 0; step < 200; step++)
        {
            var mid = Math.Sqrt(lo) * Math.Sqrt(hi);
            if (!(mid > lo && mid < hi))
            {
                break;
            }

            if (Held(mid))
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return lo * (1 - 1e-12);
    }

    /// <summary>
    /// ln R increasing and depths non-decreasing along the table (the input loader checks both):
    /// what the listing bounds' arguments need; without it they give no bound.
    /// </summary>
    private bool TableOrdered()
    {
        var x = FloodLnReturnPeriod;
        var depth = FloodDepthM;
        for (var i = 1; i < x.Length; i++)
        {
            if (!(x[i] > x[i - 1]) || !(depth[i] >= depth[i - 1]))
            {
                return false;
            }
        }

        return true;
    }

    private static readonly DamageCurve NoDamage = new() { Class = "none", Mean = new PiecewiseLinear([0.0], [0.0]), Sd = new PiecewiseLinear([0.0], [0.0]) };

    public Site Site { get; }

    public uint Key { get; }

    public PueCurve Pue { get; }

    public double[] PlannedChange { get; }

    public double[] RenewableShare { get; }

    public double[] ItEnergyMwh { get; }

    /// <summary>PUE limit in force, NaN where none.</summary>
    public double[] LimitPue { get; }

    public double[] RateCnyPerMwh { get; }

    /// <summary>PUE above which the tier-2 rate applies.</summary>
    public double[] Tier2Pue { get; }

    public double[] Tier2RateCnyPerMwh { get; }

    /// <summary>
    /// cov_j(t) · P_j(t) of the site's pilot ETS, CNY per t of Scope 1 + market-based Scope 2
    /// (median price; the path's carbon-price shock multiplies it); 0 where no pilot covers the site.
    /// </summary>
    public double[] PilotCarbonCnyPerT { get; }

    /// <summary>Whether a regional pilot ETS covers the site (its base-year emissions reach the pilot's threshold).</summary>
    public bool IsPilotCovered { get; }

    public DamageCurve Damage { get; }

    public double FloorHeightM { get; }

    public double Hardening { get; }

    public double[] FloodLnReturnPeriod { get; }

    public double[] FloodDepthM { get; }

    /// <summary>Index of the first return period with depth &gt; 0, or −1 when the curve is all zero.</summary>
    public int FirstPositiveDepth { get; }

    /// <summary>d_s(R_prot): depths up to this are held by the defence; NaN without defence.</summary>
    public double ProtectionDepthM { get; }

    public bool IsWaterCooled { get; }

    /// <summary>The most hot days a summer can count (MODEL §5: the count is capped at D = 92).</summary>
    public const int MaxHotDays = 92;

    /// <summary>Binomial p(0) of the shortfall count for n = 0..92 hot days (<see cref="BinomialQuantile.Pmf0"/>), tabulated once.</summary>
    public double[] ShortfallPmf0 { get; }

    /// <summary>The site's cover, or null when uninsured (net = gross).</summary>
    public InsuranceTerms? Insurance { get; }

    /// <summary>The annual maximum surge level's GEV (§7), for the kernel's tail bound; null without a surge row (or with parameters it cannot take).</summary>
    public GeneralizedExtremeValue? SurgeLevels { get; }

    /// <summary>The annual maximum gust's Gumbel (§8), for the kernel's tail bound; null without a wind row (or with parameters it cannot take).</summary>
    public Gumbel? Gusts { get; }

    /// <summary>
    /// d_s(R), MODEL §6: linear in ln R between the tabulated return periods, 0 below the
    /// smallest R with depth &gt; 0 (a step: the curve says nothing floods more often than
    /// that), flat beyond the largest R.
    /// </summary>
    public double DepthAt(double returnPeriodY)
    {
        var first = FirstPositiveDepth;
        if (first < 0)
        {
            return 0;
        }

        // Most paths fall below the first flooding return period; a relative margin of 1e-12,
        // far above ln's rounding, proves ln R < x[first] without computing ln R.
        if (returnPeriodY < _noFloodBelowY)
        {
            return 0;
        }

        return DepthFromLog(VectorMath.Log(returnPeriodY));
    }

    /// <summary>
    /// <see cref="DepthAt"/> of every element, bit for bit: the logarithms taken together over
    /// the span (<see cref="VectorMath.Log(ReadOnlySpan{double}, Span{double})"/>, the same values
    /// as its scalar form) rather than one lane at a time.
    /// </summary>
    /// <param name="returnPeriodsY">Return periods R, years.</param>
    /// <param name="depthsM">Destination d_s(R), m; at least as long, must not overlap <paramref name="returnPeriodsY"/>.</param>
    public void DepthsAt(ReadOnlySpan<double> returnPeriodsY, Span<double> depthsM)
    {
        depthsM = depthsM[..returnPeriodsY.Length];
        if (FirstPositiveDepth < 0)
        {
            depthsM.Clear();
            return;
        }

        VectorMath.Log(returnPeriodsY, depthsM);
        var j = Vector512.IsHardwareAccelerated ? DepthsFromLog<Lanes512>(returnPeriodsY, depthsM)
            : Vector256.IsHardwareAccelerated ? DepthsFromLog<Lanes256>(returnPeriodsY, depthsM)
            : 0;
        for (; j < depthsM.Length; j++)
        {
            depthsM[j] = returnPeriodsY[j] < _noFloodBelowY ? 0 : DepthFromLog(depthsM[j]);
        }
    }

    /// <summary>
    /// <see cref="DepthFromLog"/> on registers over whole registers of the span (ln R in
    /// <paramref name="depthsM"/>, replaced by the depth); returns how many were done. The segment
    /// is the scalar search's: i = first + 1 + #{k ∈ [first + 1, last) : x[k] &lt; ln R} (x
    /// non-decreasing, so the k where the search steps on are a prefix); its ends gathered, then
    /// the same interpolation, and the three early returns as selects in the scalar order.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private int DepthsFromLog<T>(ReadOnlySpan<double> returnPeriodsY, Span<double> depthsM)
        where T : struct, ILanes<T>
    {
        var x = FloodLnReturnPeriod;
        var depth = FloodDepthM;
        var first = FirstPositiveDepth;
        var last = x.Length - 1;
        if (first >= last)
        {
            // No segment to interpolate in: the scalar code's early returns only.
            return 0;
        }

        var zero = T.Create(0.0);
        var one = T.Create(1.0);
        var xFirst = T.Create(x[first]);
        var xLast = T.Create(x[last]);
        var depthLast = T.Create(depth[last]);
        var noFloodBelow = T.Create(_noFloodBelowY);
        var j = 0;
        for (; j + T.Count <= depthsM.Length; j += T.Count)
        {
            var lnR = T.Load(in depthsM[0], (nuint)j);
            var i = T.Create(first + 1);
            for (var k = first + 1; k < last; k++)
            {
                i += T.And(T.LessThan(T.Create(x[k]), lnR), one);
            }

            var below = i - one;
            var xBelow = T.Gather(in x[0], below);
            var depthBelow = T.Gather(in depth[0], below);
            var w = (lnR - xBelow) / (T.Gather(in x[0], i) - xBelow);
            var d = depthBelow + (w * (T.Gather(in depth[0], i) - depthBelow));
            d = T.Select(T.LessThanOrEqual(xLast, lnR), depthLast, d);
            d = T.Select(T.LessThan(lnR, xFirst), zero, d);
            d = T.Select(T.LessThan(T.Load(in returnPeriodsY[0], (nuint)j), noFloodBelow), zero, d);
            T.Store(d, ref depthsM[0], (nuint)j);
        }

        return j;
    }

    /// <summary>d_s at ln R (a site with a flooding return period, R at or above <see cref="NoFloodBelowY"/>).</summary>
    private double DepthFromLog(double lnR)
    {
        var first = FirstPositiveDepth;
        var x = FloodLnReturnPeriod;
        if (lnR < x[first])
        {
            return 0;
        }

        var last = x.Length - 1;
        if (lnR >= x[last])
        {
            return FloodDepthM[last];
        }

        var i = SegmentOf(lnR);
        var w = (lnR - x[i - 1]) / (x[i] - x[i - 1]);
        return FloodDepthM[i - 1] + (w * (FloodDepthM[i] - FloodDepthM[i - 1]));
    }

    /// <summary>
    /// The upper knot i of the segment [x[i − 1], x[i]] holding ln R, searched from the first
    /// flooding knot: the first i &gt; <see cref="FirstPositiveDepth"/> with ln R ≤ x[i]
    /// (ln R in [x[first], x[last]), so one exists). <see cref="DepthFromLog"/> interpolates
    /// there, and <see cref="HeldBelowY"/> finds the defence standard's segment the same way.
    /// </summary>
    private int SegmentOf(double lnR)
    {
        var x = FloodLnReturnPeriod;
        var i = FirstPositiveDepth + 1;
        while (lnR > x[i])
        {
            i++;
        }

        return i;
    }
}
