namespace ClimateRisk.Core.Numerics.Internal;

/// <summary>
/// The operations of a vector of doubles that the vector math needs, as static abstract members,
/// so each function is written once as a generic method and the JIT compiles it for 512-, 256-
/// and 128-bit registers (the pattern of .NET's TensorPrimitives operators).
/// </summary>
/// <remarks>
/// Every arithmetic member is one IEEE-754 operation per lane, correctly rounded (a fused
/// multiply–add rounds once), so a lane's result never depends on the register width or on the
/// other lanes: the same generic code gives the same bits in every width. The scalar entry points
/// run it on <see cref="Lanes128"/> and take lane 0. Masks are lanes with all bits set (true) or
/// clear (false), as the comparisons of <c>Vector512</c> return them; the <c>…Int64</c> members
/// treat the lanes' bits as two's-complement 64-bit integers.
/// </remarks>
/// <typeparam name="TSelf">The implementing register type.</typeparam>
internal interface ILanes<TSelf>
    where TSelf : struct, ILanes<TSelf>
{
    /// <summary>Lanes per register.</summary>
    static abstract int Count { get; }

    /// <summary>Whether the hardware runs this width natively.</summary>
    static abstract bool IsHardwareAccelerated { get; }

    static abstract TSelf Load(ref readonly double source, nuint index);

    static abstract void Store(TSelf value, ref double destination, nuint index);

    /// <summary>All lanes = <paramref name="value"/>.</summary>
    static abstract TSelf Create(double value);

    /// <summary>All lanes' bits = <paramref name="bits"/>.</summary>
    static abstract TSelf CreateInt64(long bits);

    static abstract TSelf operator +(TSelf left, TSelf right);

    static abstract TSelf operator -(TSelf left, TSelf right);

    static abstract TSelf operator *(TSelf left, TSelf right);

    static abstract TSelf operator /(TSelf left, TSelf right);

    static abstract TSelf operator -(TSelf value);

    /// <summary>(a·b) + c rounded once.</summary>
    static abstract TSelf FusedMultiplyAdd(TSelf a, TSelf b, TSelf c);

    static abstract TSelf Sqrt(TSelf value);

    /// <summary>Rounded toward zero to a whole number, lane by lane.</summary>
    static abstract TSelf Truncate(TSelf value);

    static abstract TSelf Abs(TSelf value);

    /// <summary>Per lane <see cref="Math.Max(double, double)"/>: IEEE 754:2019 maximum (NaN propagates, +0 above −0).</summary>
    static abstract TSelf Max(TSelf left, TSelf right);

    /// <summary>Per lane <see cref="Math.Min(double, double)"/>: IEEE 754:2019 minimum (NaN propagates, −0 below +0).</summary>
    static abstract TSelf Min(TSelf left, TSelf right);

    static abstract TSelf LessThan(TSelf left, TSelf right);

    static abstract TSelf LessThanOrEqual(TSelf left, TSelf right);

    static abstract TSelf Equals(TSelf left, TSelf right);

    /// <summary>Per lane: <paramref name="ifTrue"/> where <paramref name="mask"/> is set, else <paramref name="ifFalse"/>.</summary>
    static abstract TSelf Select(TSelf mask, TSelf ifTrue, TSelf ifFalse);

    static abstract TSelf And(TSelf left, TSelf right);

    static abstract TSelf Or(TSelf left, TSelf right);

    /// <summary>True when every lane of the mask is set.</summary>
    static abstract bool All(TSelf mask);

    /// <summary>
    /// True when every lane of <paramref name="left"/> is below <paramref name="right"/> (NaN is
    /// not): <see cref="All"/> of <see cref="LessThan"/> in one compare and mask test, without
    /// the mask as a register of lanes.
    /// </summary>
    static abstract bool AllLessThan(TSelf left, TSelf right);

    /// <summary>True when some lane of the mask is set.</summary>
    static abstract bool Any(TSelf mask);

    /// <summary>Bit k = the sign bit of lane k (for a mask: lane k is set).</summary>
    static abstract uint SignBits(TSelf value);

    static abstract TSelf AddInt64(TSelf left, TSelf right);

    static abstract TSelf SubtractInt64(TSelf left, TSelf right);

    static abstract TSelf ShiftLeftInt64(TSelf value, int count);

    static abstract TSelf ShiftRightArithmeticInt64(TSelf value, int count);

    /// <summary>
    /// Lane k = <c>table[index_k]</c>, each index a whole number held as a double, in range
    /// (not checked): a hardware gather where there is one, element by element otherwise.
    /// </summary>
    static abstract TSelf Gather(ref readonly double table, TSelf index);

    /// <summary>
    /// Lane k = <c>table[indices[k]]</c> for the next <see cref="Count"/> entries of a list of
    /// int indices, each in range (not checked): a hardware gather with the indices loaded as
    /// they are where there is one, element by element otherwise.
    /// </summary>
    static abstract TSelf GatherListed(ref readonly double table, ref readonly int indices);

    /// <summary>
    /// Lane k = t[i] + f·(t[i + 1] − t[i]) with t = <paramref name="table"/>, i = index_k (a whole
    /// number held as a double, with i + 1 in range — not checked) and f = fraction_k: linear
    /// interpolation between neighbouring entries, those operations in that order. Where AVX-512
    /// runs, each lane's two entries come in one 16-byte load and two permutes split them (the
    /// two pairs of 4-lane hardware gathers it replaces were the hottest instructions of the
    /// kernel's PUE lookup); two <see cref="Gather"/>s otherwise.
    /// </summary>
    static abstract TSelf InterpolateNeighbours(ref readonly double table, TSelf index, TSelf fraction);

    /// <summary>
    /// Lane k = <c>table[j_k]</c> from a table of 16 doubles, j_k the low four bits of lane k
    /// (callers hold j as 2⁵² + j, the shifter form, so j needs no conversion): one two-register
    /// permute on AVX-512, where a gather of eight would cost several times as much; element by
    /// element otherwise.
    /// </summary>
    static abstract TSelf Lookup16(ref readonly double table, TSelf index);
}
