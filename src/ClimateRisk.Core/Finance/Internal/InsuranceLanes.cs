using System.Runtime.CompilerServices;
using ClimateRisk.Core.Numerics.Internal;

namespace ClimateRisk.Core.Finance.Internal;

/// <summary>
/// <see cref="InsuranceTerms.ApplyUnchecked"/> for three events (flood, coastal flood, wind) on a
/// register of paths: the same operations in the same order on every lane, with
/// <see cref="Math.Max(double, double)"/> and <see cref="Math.Min(double, double)"/> as .NET
/// defines them (NaN propagates; −0 is below +0), so each lane has the bits of the scalar terms.
/// </summary>
internal readonly struct InsuranceLanes<T>
    where T : struct, ILanes<T>
{
    private readonly T _share;
    private readonly T _deductible;
    private readonly T _propertyLimit;
    private readonly T _waiting;
    private readonly T _biLimit;

    /// <param name="cover">The terms.</param>
    /// <param name="biCnyPerDay">BI per day of the site, for the waiting period (CNY/day).</param>
    public InsuranceLanes(InsuranceTerms cover, double biCnyPerDay)
    {
        _share = T.Create(1 - cover.Coinsurance);
        _deductible = T.Create(cover.PropertyDeductibleCny);
        _propertyLimit = T.Create(cover.PropertyAggregateLimitCny);
        _waiting = T.Create(cover.BiWaitingDays * biCnyPerDay);
        _biLimit = T.Create(cover.BiLimitCny);
    }

    /// <summary>The recoveries of the year's three events, in the order flood, coastal flood, wind.</summary>
    /// <remarks>Written out event by event: helpers taking the running totals by reference kept them in memory.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public (T PropertyCny, T BiCny, T FloodCny, T SurgeCny, T WindCny) Apply(T floodDirect, T floodBi, T surgeDirect, T surgeBi, T windDirect, T windBi)
    {
        var zero = T.Create(0.0);
        var share = _share;
        var deductible = _deductible;
        var propertyLimit = _propertyLimit;
        var waiting = _waiting;
        var biLimit = _biLimit;

        var z = T.Min(MaxZero(floodDirect - deductible), propertyLimit - zero);
        var propertyUsed = zero + z;
        var property = zero + (share * z);
        var zb = T.Min(MaxZero(floodBi - waiting), biLimit - zero);
        var biUsed = zero + zb;
        var bi = zero + (share * zb);
        var flood = (share * z) + (share * zb);

        z = T.Min(MaxZero(surgeDirect - deductible), propertyLimit - propertyUsed);
        propertyUsed += z;
        property += share * z;
        zb = T.Min(MaxZero(surgeBi - waiting), biLimit - biUsed);
        biUsed += zb;
        bi += share * zb;
        var surge = (share * z) + (share * zb);

        z = T.Min(MaxZero(windDirect - deductible), propertyLimit - propertyUsed);
        property += share * z;
        zb = T.Min(MaxZero(windBi - waiting), biLimit - biUsed);
        bi += share * zb;
        var wind = (share * z) + (share * zb);
        return (property, bi, flood, surge, wind);
    }

    /// <summary>Math.Max(0, x) on every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T MaxZero(T x) => T.Max(T.Create(0.0), x);
}
