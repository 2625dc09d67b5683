using System.Runtime.CompilerServices;
namespace ClimateRisk.Core.Finance;

/// <summary>
/// A site's property and business-interruption (BI) cover (docs/model.md §15, data/finance/insurance.csv).
/// Terms are applied per event in a fixed order, as Oasis does: deductible, then limit, then share.
/// </summary>
/// <remarks>
/// Per property event with ground-up damage x (CNY): y = max(0, x − D); z = min(y, A − used),
/// used += z (A the annual aggregate limit, eroded by the loss after the deductible); recovery
/// += (1 − c)·z (c the coinsurance share the insured keeps). Per BI event with lost revenue b
/// (CNY, after failover) and b_day lost per day of outage: y = max(0, b − W·b_day) (the waiting
/// period W days is a time deductible: the first W days of each outage are not covered), then the
/// BI indemnity limit L as an annual aggregate and the same share. With a constant share the
/// total recovery of a year is (1 − c)·min(Σ y, A), whatever the order of the events, so the
/// model needs no timing of events within the year.
/// </remarks>
public sealed record InsuranceTerms
{
    /// <summary>Property deductible per event, CNY, ≥ 0.</summary>
    public required double PropertyDeductibleCny { get; init; }

    /// <summary>Property annual aggregate limit, CNY, ≥ 0 (0 = no property cover).</summary>
    public required double PropertyAggregateLimitCny { get; init; }

    /// <summary>Coinsurance: share of each covered loss the insured keeps, 0–1.</summary>
    public required double Coinsurance { get; init; }

    /// <summary>BI waiting period per outage, days, ≥ 0.</summary>
    public required double BiWaitingDays { get; init; }

    /// <summary>BI indemnity limit per year, CNY, ≥ 0 (0 = no BI cover).</summary>
    public required double BiLimitCny { get; init; }

    /// <summary>Current annual premium, CNY, ≥ 0 (already in the baseline costs; only its change is a climate effect).</summary>
    public required double PremiumCny { get; init; }

    /// <summary>Loading λ: premium change = (1 + λ)·change of the expected insured loss, ≥ 0.</summary>
    public required double PremiumLoading { get; init; }

    /// <summary>Years between the expected insured loss the insurer prices and the renewal it prices, ≥ 0.</summary>
    public required int PremiumLagYears { get; init; }

    /// <summary>
    /// Recoveries of one site's year from its events: <paramref name="directCny"/>[i] the
    /// property damage and <paramref name="biCny"/>[i] the lost revenue of event i (equal
    /// lengths; 0 where event i did not happen), <paramref name="biCnyPerDay"/> the revenue lost
    /// per day of outage.
    /// </summary>
    /// <exception cref="ArgumentException">When the spans differ in length or a value is negative or not finite.</exception>
    public InsuranceRecovery Apply(ReadOnlySpan<double> directCny, ReadOnlySpan<double> biCny, double biCnyPerDay)
    {
        Span<double> perEvent = stackalloc double[Math.Min(directCny.Length, 64)];
        return directCny.Length <= 64 ? Apply(directCny, biCny, biCnyPerDay, perEvent) : Apply(directCny, biCny, biCnyPerDay, new double[directCny.Length]);
    }

    /// <summary>
    /// <see cref="Apply(ReadOnlySpan{double}, ReadOnlySpan{double}, double)"/>, also writing each
    /// event's recovery (property + BI) into <paramref name="perEventCny"/>. The year's totals do
    /// not depend on the order of the events; the split between them follows it (an earlier
    /// event uses the aggregate first).
    /// </summary>
    /// <exception cref="ArgumentException">When the spans differ in length or a value is negative or not finite.</exception>
    public InsuranceRecovery Apply(ReadOnlySpan<double> directCny, ReadOnlySpan<double> biCny, double biCnyPerDay, Span<double> perEventCny)
    {
        if (perEventCny.Length != directCny.Length)
        {
            throw new ArgumentException($"{directCny.Length} events but room for {perEventCny.Length} recoveries.", nameof(perEventCny));
        }

        if (directCny.Length != biCny.Length)
        {
            throw new ArgumentException($"{directCny.Length} property losses but {biCny.Length} BI losses: one of each per event.", nameof(biCny));
        }

        Check(directCny, nameof(directCny));
        Check(biCny, nameof(biCny));
        if (!(biCnyPerDay >= 0) || !double.IsFinite(biCnyPerDay))
        {
            throw new ArgumentOutOfRangeException(nameof(biCnyPerDay), biCnyPerDay, "BI per day must be finite and ≥ 0.");
        }

        return ApplyUnchecked(directCny, biCny, biCnyPerDay, perEventCny);
    }

    /// <summary><see cref="Apply(ReadOnlySpan{double}, ReadOnlySpan{double}, double, Span{double})"/> without the checks (the kernel's call: its values are finite and ≥ 0 by construction).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal InsuranceRecovery ApplyUnchecked(ReadOnlySpan<double> directCny, ReadOnlySpan<double> biCny, double biCnyPerDay, Span<double> perEventCny)
    {
        var share = 1 - Coinsurance;
        double propertyUsed = 0, property = 0, biUsed = 0, bi = 0;
        var waitingCny = BiWaitingDays * biCnyPerDay;
        for (var i = 0; i < directCny.Length; i++)
        {
            var y = Math.Max(0, directCny[i] - PropertyDeductibleCny);
            var z = Math.Min(y, PropertyAggregateLimitCny - propertyUsed);
            propertyUsed += z;
            property += share * z;

            var yb = Math.Max(0, biCny[i] - waitingCny);
            var zb = Math.Min(yb, BiLimitCny - biUsed);
            biUsed += zb;
            bi += share * zb;
            perEventCny[i] = (share * z) + (share * zb);
        }

        return new InsuranceRecovery(property, bi);
    }

    private static void Check(ReadOnlySpan<double> values, string name)
    {
        foreach (var v in values)
        {
            if (!(v >= 0) || !double.IsFinite(v))
            {
                throw new ArgumentOutOfRangeException(name, v, "Losses must be finite and ≥ 0.");
            }
        }
    }
}
