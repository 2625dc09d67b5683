namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>
/// Whether a running sum is read and a term added to it (<see cref="Add"/>) or set to +0 plus
/// the term without being read (<see cref="Start"/>, a scenario's first year of its NPVs): the
/// same bits as the add to a cleared sum, since +0 + y is y, and +0 for y = −0. A type argument,
/// so each instance is straight code (<c>PathKernel.MultiplyInto</c>, <see cref="FinancialSeries.AccumulateBlock"/>).
/// </summary>
internal interface IAccumulation
{
    static abstract bool Starts { get; }

    /// <summary>The sum read and the term added.</summary>
    readonly struct Add : IAccumulation
    {
        public static bool Starts => false;
    }

    /// <summary>The sum set to +0 plus the term, unread.</summary>
    readonly struct Start : IAccumulation
    {
        public static bool Starts => true;
    }
}
