using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ClimateRisk.Core.Numerics.Internal;

/// <summary>4 doubles in a <see cref="Vector256{T}"/>; see <see cref="ILanes{TSelf}"/>.</summary>
/// <param name="value">The lanes.</param>
internal readonly struct Lanes256(Vector256<double> value) : ILanes<Lanes256>
{
    public Vector256<double> Value { get; } = value;

    public static int Count => Vector256<double>.Count;

    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Load(ref readonly double source, nuint index) => new(Vector256.LoadUnsafe(in source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes256 value, ref double destination, nuint index) => value.Value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Create(double value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 CreateInt64(long bits) => new(Vector256.Create(bits).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator +(Lanes256 left, Lanes256 right) => new(left.Value + right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator -(Lanes256 left, Lanes256 right) => new(left.Value - right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator *(Lanes256 left, Lanes256 right) => new(left.Value * right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator /(Lanes256 left, Lanes256 right) => new(left.Value / right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator -(Lanes256 value) => new(-value.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 FusedMultiplyAdd(Lanes256 a, Lanes256 b, Lanes256 c) => new(Vector256.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Sqrt(Lanes256 value) => new(Vector256.Sqrt(value.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Truncate(Lanes256 value) => new(Vector256.Truncate(value.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Abs(Lanes256 value) => new(Vector256.Abs(value.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Max(Lanes256 left, Lanes256 right) => new(Vector256.Max(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Min(Lanes256 left, Lanes256 right) => new(Vector256.Min(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 LessThan(Lanes256 left, Lanes256 right) => new(Vector256.LessThan(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 LessThanOrEqual(Lanes256 left, Lanes256 right) => new(Vector256.LessThanOrEqual(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Equals(Lanes256 left, Lanes256 right) => new(Vector256.Equals(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Select(Lanes256 mask, Lanes256 ifTrue, Lanes256 ifFalse) => new(Vector256.ConditionalSelect(mask.Value, ifTrue.Value, ifFalse.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 And(Lanes256 left, Lanes256 right) => new(left.Value & right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Or(Lanes256 left, Lanes256 right) => new(left.Value | right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(Lanes256 mask) => Vector256.EqualsAll(mask.Value.AsInt64(), Vector256<long>.AllBitsSet);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllLessThan(Lanes256 left, Lanes256 right) => Vector256.LessThanAll(left.Value, right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Lanes256 mask) => mask.Value.AsInt64() != Vector256<long>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint SignBits(Lanes256 value) => (uint)value.Value.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 AddInt64(Lanes256 left, Lanes256 right) => new((left.Value.AsInt64() + right.Value.AsInt64()).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 SubtractInt64(Lanes256 left, Lanes256 right) => new((left.Value.AsInt64() - right.Value.AsInt64()).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 ShiftLeftInt64(Lanes256 value, int count) => new(Vector256.ShiftLeft(value.Value.AsInt64(), count).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 ShiftRightArithmeticInt64(Lanes256 value, int count) => new(Vector256.ShiftRightArithmetic(value.Value.AsInt64(), count).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Lanes256 Gather(ref readonly double table, Lanes256 index)
    {
        if (Avx2.IsSupported)
        {
            fixed (double* start = &Unsafe.AsRef(in table))
            {
                return new(Avx2.GatherVector256(start, Avx.ConvertToVector128Int32WithTruncation(index.Value), 8));
            }
        }

        return new(Vector256.Create(Lanes128.Gather(in table, new(index.Value.GetLower())).Value, Lanes128.Gather(in table, new(index.Value.GetUpper())).Value));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe Lanes256 GatherListed(ref readonly double table, ref readonly int indices)
    {
        if (Avx2.IsSupported)
        {
            fixed (double* start = &Unsafe.AsRef(in table))
            {
                return new(Avx2.GatherVector256(start, Vector128.LoadUnsafe(in indices), 8));
            }
        }

        return new(Vector256.Create(Lanes128.GatherListed(in table, in indices).Value, Lanes128.GatherListed(in table, in Unsafe.Add(ref Unsafe.AsRef(in indices), 2)).Value));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 InterpolateNeighbours(ref readonly double table, Lanes256 index, Lanes256 fraction)
    {
        var low = Gather(in table, index);
        var high = Gather(in Unsafe.Add(ref Unsafe.AsRef(in table), 1), index);
        return new(low.Value + (fraction.Value * (high.Value - low.Value)));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Lookup16(ref readonly double table, Lanes256 index)
        => new(Vector256.Create(Lanes128.Lookup16(in table, new(index.Value.GetLower())).Value, Lanes128.Lookup16(in table, new(index.Value.GetUpper())).Value));
}
