namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>The kinds of job in a year's reduction phase (<see cref="YearJobs"/>), longest first.</summary>
internal enum YearJob
{
    /// <summary>An entity's horizon-year financial items (seven cells from fifteen metric rows).</summary>
    HorizonItems,

    /// <summary>One financial item's NPV cell (a row filled from the running NPVs, then summarised).</summary>
    NpvItem,

    /// <summary>An entity's NPV of the total climate cost.</summary>
    NpvCell,

    /// <summary>An entity's AEP (even index) or OEP (odd index) curve at a horizon.</summary>
    Curve,

    /// <summary>A metric cell, index = metric · entities + entity.</summary>
    Cell,
}
