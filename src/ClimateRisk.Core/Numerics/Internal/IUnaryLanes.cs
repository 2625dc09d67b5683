namespace ClimateRisk.Core.Numerics.Internal;

/// <summary>
/// A function of one double applied lane by lane, written once for every register width; passed
/// as a generic argument (a <c>readonly struct</c>) to <see cref="LaneLoop.Apply{TOperator}"/> so the
/// JIT compiles one loop per function with the function inlined.
/// </summary>
internal interface IUnaryLanes
{
    /// <summary>The function on each lane of <paramref name="x"/>.</summary>
    static abstract TLanes Invoke<TLanes>(TLanes x)
        where TLanes : struct, ILanes<TLanes>;
}
