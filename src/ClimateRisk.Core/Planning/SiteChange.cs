using ClimateRisk.Core.Model;

namespace ClimateRisk.Core.Planning;

/// <summary>
/// The parameter changes of an adaptation measure (MODEL §14). Null = unchanged. Changes to
/// flood parameters apply only where the site has a flood hazard; a defence crest only where
/// it is coastal.
/// </summary>
public sealed record SiteChange
{
    /// <summary>New flood defence standard R_prot, years.</summary>
    public double? ProtectionRpY { get; init; }

    /// <summary>New floor height above grade, m.</summary>
    public double? FloorHeightM { get; init; }

    /// <summary>New share of flood damage avoided by hardening.</summary>
    public double? Hardening { get; init; }

    /// <summary>New coastal defence crest, m.</summary>
    public double? DefenceCrestM { get; init; }

    /// <summary>New cooling technology (needs <see cref="Pue"/>: the new plant's annual PUE at today's climate).</summary>
    public CoolingType? Cooling { get; init; }

    /// <summary>New annual PUE at today's climate (calibration target of the changed plant).</summary>
    public double? Pue { get; init; }

    /// <summary>New design ambient limit of the plant, °C (added chiller capacity).</summary>
    public double? TCritC { get; init; }

    /// <summary>New on-site water storage, hours.</summary>
    public double? WaterStorageH { get; init; }

    /// <summary>Renewable share from the year in force on (a PPA); never below the site's own plan, which may rise past it.</summary>
    public double? RenewableShare { get; init; }

    /// <summary>New failover share.</summary>
    public double? Failover { get; init; }

    /// <summary>New water use effectiveness, L/kWh.</summary>
    public double? WueLPerKwh { get; init; }

    /// <summary>Whether nothing is changed.</summary>
    public bool IsEmpty => this == new SiteChange();

    /// <summary>
    /// The site with these changes applied. A new PUE also clears the planned efficiency
    /// programme, which the retrofit replaces; a new cooling type also drops a response learned
    /// from the old plant's telemetry.
    /// </summary>
    public Site ApplyTo(Site site)
    {
        ArgumentNullException.ThrowIfNull(site);
        var flood = site.Flood is { } f
            ? f with { ProtectionRpY = ProtectionRpY ?? f.ProtectionRpY, FloorHeightM = FloorHeightM ?? f.FloorHeightM, Hardening = Hardening ?? f.Hardening }
            : null;
        var surge = site.Surge is { } s ? s with { DefenceCrestM = DefenceCrestM ?? s.DefenceCrestM } : null;
        return site with
        {
            Flood = flood,
            Surge = surge,
            Cooling = Cooling ?? site.Cooling,
            LearnedPueResponse = Cooling is null ? site.LearnedPueResponse : null,
            ReportedPue = Pue ?? site.ReportedPue,
            PlannedPueChange = Pue is null ? site.PlannedPueChange : YearCurve.Constant(0),
            Heat = TCritC is { } t ? site.Heat with { TCritC = t } : site.Heat,
            WaterStorageH = WaterStorageH ?? site.WaterStorageH,
            RenewableShare = RenewableShare is { } r ? AtLeast(site.RenewableShare, r) : site.RenewableShare,
            Failover = Failover ?? site.Failover,
            WueLPerKwh = WueLPerKwh ?? site.WueLPerKwh,
        };
    }

    /// <summary>max(plan(t), floor) at every year 2000–2100 (the plan is linear between its points, so yearly points reproduce it).</summary>
    private static YearCurve AtLeast(YearCurve plan, double floor)
        => new(Enumerable.Range(2000, 101).Select(year => (year, Math.Max(plan.At(year), floor))).ToArray());
}
