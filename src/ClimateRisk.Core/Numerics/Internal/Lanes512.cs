using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ClimateRisk.Core.Numerics.Internal;

/// <summary>8 doubles in a <see cref="Vector512{T}"/>; see <see cref="ILanes{TSelf}"/>.</summary>
/// <param name="value">The lanes.</param>
internal readonly struct Lanes512(Vector512<double> value) : ILanes<Lanes512>
{
    public Vector512<double> Value { get; } = value;

    public static int Count => Vector512<double>.Count;

    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Load(ref readonly double source, nuint index) => new(Vector512.LoadUnsafe(in source, index));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Lanes512 value, ref double destination, nuint index) => value.Value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Create(double value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 CreateInt64(long bits) => new(Vector512.Create(bits).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator +(Lanes512 left, Lanes512 right) => new(left.Value + right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator -(Lanes512 left, Lanes512 right) => new(left.Value - right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator *(Lanes512 left, Lanes512 right) => new(left.Value * right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator /(Lanes512 left, Lanes512 right) => new(left.Value / right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator -(Lanes512 value) => new(-value.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 FusedMultiplyAdd(Lanes512 a, Lanes512 b, Lanes512 c) => new(Vector512.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Sqrt(Lanes512 value) => new(Vector512.Sqrt(value.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Truncate(Lanes512 value) => new(Vector512.Truncate(value.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Abs(Lanes512 value) => new(Vector512.Abs(value.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Max(Lanes512 left, Lanes512 right) => new(Vector512.Max(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Min(Lanes512 left, Lanes512 right) => new(Vector512.Min(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 LessThan(Lanes512 left, Lanes512 right) => new(Vector512.LessThan(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 LessThanOrEqual(Lanes512 left, Lanes512 right) => new(Vector512.LessThanOrEqual(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Equals(Lanes512 left, Lanes512 right) => new(Vector512.Equals(left.Value, right.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Select(Lanes512 mask, Lanes512 ifTrue, Lanes512 ifFalse) => new(Vector512.ConditionalSelect(mask.Value, ifTrue.Value, ifFalse.Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 And(Lanes512 left, Lanes512 right) => new(left.Value & right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Or(Lanes512 left, Lanes512 right) => new(left.Value | right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool All(Lanes512 mask) => Vector512.EqualsAll(mask.Value.AsInt64(), Vector512<long>.AllBitsSet);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllLessThan(Lanes512 left, Lanes512 right) => Vector512.LessThanAll(left.Value, right.Value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Any(Lanes512 mask) => mask.Value.AsInt64() != Vector512<long>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint SignBits(Lanes512 value) => (uint)value.Value.ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 AddInt64(Lanes512 left, Lanes512 right) => new((left.Value.AsInt64() + right.Value.AsInt64()).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 SubtractInt64(Lanes512 left, Lanes512 right) => new((left.Value.AsInt64() - right.Value.AsInt64()).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 ShiftLeftInt64(Lanes512 value, int count) => new(Vector512.ShiftLeft(value.Value.AsInt64(), count).AsDouble());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 ShiftRightArithmeticInt64(Lanes512 value, int count) => new(Vector512.ShiftRightArithmetic(value.Value.AsInt64(), count).AsDouble());

    /// <remarks>Two 256-bit gathers (.NET exposes no 512-bit gather).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Gather(ref readonly double table, Lanes512 index)
        => new(Vector512.Create(Lanes256.Gather(in table, new(index.Value.GetLower())).Value, Lanes256.Gather(in table, new(index.Value.GetUpper())).Value));

    /// <remarks>Two 256-bit gathers, as <see cref="Gather"/>.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 GatherListed(ref readonly double table, ref readonly int indices)
        => new(Vector512.Create(Lanes256.GatherListed(in table, in indices).Value, Lanes256.GatherListed(in table, in Unsafe.Add(ref Unsafe.AsRef(in indices), 4)).Value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 InterpolateNeighbours(ref readonly double table, Lanes512 index, Lanes512 fraction)
    {
        Vector512<double> low, high;
        if (Avx512F.IsSupported)
        {
            // Lane k's t[i], t[i + 1] as one pair; the pairs side by side, then evens and odds apart.
            var i = Avx512F.ConvertToVector256Int32WithTruncation(index.Value);
            ref var t = ref Unsafe.AsRef(in table);
            var pairs0123 = Vector512.Create(
                Vector256.Create(Vector128.LoadUnsafe(ref t, (nuint)(uint)i.GetElement(0)), Vector128.LoadUnsafe(ref t, (nuint)(uint)i.GetElement(1))),
                Vector256.Create(Vector128.LoadUnsafe(ref t, (nuint)(uint)i.GetElement(2)), Vector128.LoadUnsafe(ref t, (nuint)(uint)i.GetElement(3))));
            var pairs4567 = Vector512.Create(
                Vector256.Create(Vector128.LoadUnsafe(ref t, (nuint)(uint)i.GetElement(4)), Vector128.LoadUnsafe(ref t, (nuint)(uint)i.GetElement(5))),
                Vector256.Create(Vector128.LoadUnsafe(ref t, (nuint)(uint)i.GetElement(6)), Vector128.LoadUnsafe(ref t, (nuint)(uint)i.GetElement(7))));
            low = Avx512F.PermuteVar8x64x2(pairs0123, Vector512.Create(0L, 2, 4, 6, 8, 10, 12, 14), pairs4567);
            high = Avx512F.PermuteVar8x64x2(pairs0123, Vector512.Create(1L, 3, 5, 7, 9, 11, 13, 15), pairs4567);
        }
        else
        {
            low = Gather(in table, index).Value;
            high = Gather(in Unsafe.Add(ref Unsafe.AsRef(in table), 1), index).Value;
        }

        return new(low + (fraction.Value * (high - low)));
    }

    /// <remarks>VPERMT2PD: the index's low four bits pick one of the two registers' 16 lanes.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Lookup16(ref readonly double table, Lanes512 index)
        => Avx512F.IsSupported
            ? new(Avx512F.PermuteVar8x64x2(Vector512.LoadUnsafe(in table), index.Value.AsInt64(), Vector512.LoadUnsafe(in table, 8)))
            : new(Vector512.Create(Lanes256.Lookup16(in table, new(index.Value.GetLower())).Value, Lanes256.Lookup16(in table, new(index.Value.GetUpper())).Value));
}
