using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ClimateRisk.Core.Numerics.Internal;

/// <summary>2 doubles in a <see cref="Vector128{T}"/>; see <see cref="ILanes{TSelf}"/>.</summary>
/// <param name="value">The lanes.</param>
internal readonly struct Lanes128(Vector128<double> value) : ILanes<Lanes128>
{
    public Vector128<double> Value { get; } = value;

    public static int Count => Vector128<double>.Count;

    public static bool IsHardwareAccelerated => Vector128.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Load(ref readonly double source, nuint index) => new(Vector128.LoadUnsafe(in source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes128 value, ref double destination, nuint index) => value.Value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Create(double value) => new(Vector128.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 CreateInt64(long bits) => new(Vector128.Create(bits).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 operator +(Lanes128 left, Lanes128 right) => new(left.Value + right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 operator -(Lanes128 left, Lanes128 right) => new(left.Value - right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 operator *(Lanes128 left, Lanes128 right) => new(left.Value * right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 operator /(Lanes128 left, Lanes128 right) => new(left.Value / right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 operator -(Lanes128 value) => new(-value.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 FusedMultiplyAdd(Lanes128 a, Lanes128 b, Lanes128 c) => new(Vector128.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Sqrt(Lanes128 value) => new(Vector128.Sqrt(value.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Truncate(Lanes128 value) => new(Vector128.Truncate(value.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Abs(Lanes128 value) => new(Vector128.Abs(value.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Max(Lanes128 left, Lanes128 right) => new(Vector128.Max(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Min(Lanes128 left, Lanes128 right) => new(Vector128.Min(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 LessThan(Lanes128 left, Lanes128 right) => new(Vector128.LessThan(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 LessThanOrEqual(Lanes128 left, Lanes128 right) => new(Vector128.LessThanOrEqual(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Equals(Lanes128 left, Lanes128 right) => new(Vector128.Equals(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Select(Lanes128 mask, Lanes128 ifTrue, Lanes128 ifFalse) => new(Vector128.ConditionalSelect(mask.Value, ifTrue.Value, ifFalse.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 And(Lanes128 left, Lanes128 right) => new(left.Value & right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Or(Lanes128 left, Lanes128 right) => new(left.Value | right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(Lanes128 mask) => Vector128.EqualsAll(mask.Value.AsInt64(), Vector128<long>.AllBitsSet);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllLessThan(Lanes128 left, Lanes128 right) => Vector128.LessThanAll(left.Value, right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Lanes128 mask) => mask.Value.AsInt64() != Vector128<long>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint SignBits(Lanes128 value) => (uint)value.Value.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 AddInt64(Lanes128 left, Lanes128 right) => new((left.Value.AsInt64() + right.Value.AsInt64()).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 SubtractInt64(Lanes128 left, Lanes128 right) => new((left.Value.AsInt64() - right.Value.AsInt64()).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 ShiftLeftInt64(Lanes128 value, int count) => new(Vector128.ShiftLeft(value.Value.AsInt64(), count).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 ShiftRightArithmeticInt64(Lanes128 value, int count) => new(Vector128.ShiftRightArithmetic(value.Value.AsInt64(), count).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Gather(ref readonly double table, Lanes128 index)
        => new(Vector128.Create(Unsafe.Add(ref Unsafe.AsRef(in table), (int)index.Value.GetElement(0)), Unsafe.Add(ref Unsafe.AsRef(in table), (int)index.Value.GetElement(1))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 GatherListed(ref readonly double table, ref readonly int indices)
        => new(Vector128.Create(Unsafe.Add(ref Unsafe.AsRef(in table), indices), Unsafe.Add(ref Unsafe.AsRef(in table), Unsafe.Add(ref Unsafe.AsRef(in indices), 1))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 InterpolateNeighbours(ref readonly double table, Lanes128 index, Lanes128 fraction)
    {
        var low = Gather(in table, index);
        var high = Gather(in Unsafe.Add(ref Unsafe.AsRef(in table), 1), index);
        return new(low.Value + (fraction.Value * (high.Value - low.Value)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Lookup16(ref readonly double table, Lanes128 index)
    {
        var j = index.Value.AsInt64() & Vector128.Create(15L);
        return new(Vector128.Create(Unsafe.Add(ref Unsafe.AsRef(in table), (int)j.GetElement(0)), Unsafe.Add(ref Unsafe.AsRef(in table), (int)j.GetElement(1))));
    }
}
