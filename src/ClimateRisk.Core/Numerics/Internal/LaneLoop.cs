using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ClimateRisk.Core.Numerics.Internal;

/// <summary>The span loop shared by the vector functions: whole registers, then a scalar tail.</summary>
internal static class LaneLoop
{
    /// <summary>
    /// destination[i] = f(x[i]) with f = <typeparamref name="TOperator"/>: 8 lanes at a time with
    /// AVX-512, else 4 with AVX2, and a remainder of two or more in one register padded with its
    /// last element (<see cref="Pad"/>), a single one through <see cref="Scalar{TOperator}"/>, which
    /// runs the same operations on a 128-bit register, so every element gets the same bits
    /// wherever it falls in the span.
    /// </summary>
    /// <remarks>
    /// Span conventions of <c>TensorPrimitives</c>: input first, destination last, lengths checked
    /// once, in-place use (destination = x) allowed, partial overlap rejected.
    /// </remarks>
    /// <exception cref="ArgumentException">The destination is shorter than <paramref name="x"/> or partially overlaps it.</exception>
    public static void Apply<TOperator>(ReadOnlySpan<double> x, Span<double> destination)
        where TOperator : struct, IUnaryLanes
    {
        CheckSpans(x, destination);
        Run<OperatorLoop<TOperator>>(ref MemoryMarshal.GetReference(x), ref MemoryMarshal.GetReference(destination), x.Length);
    }

    /// <summary>
    /// A vector function's loop over whole registers (<see cref="Run{TLoop}"/> takes the widest the
    /// machine has) and its one-element form, which must give each element the bits a register
    /// lane gives it.
    /// </summary>
    public interface IRegisterLoop
    {
        /// <summary>Whole registers from the start of the span; returns how many elements were written.</summary>
        static abstract int Registers<TLanes>(ref double src, ref double dst, int length)
            where TLanes : struct, ILanes<TLanes>;

        /// <summary>f(x) for one value.</summary>
        static abstract double Scalar(double x);
    }

    /// <summary>
    /// dst[i] = f(src[i]) for i &lt; <paramref name="length"/> (spans checked by the caller; in place
    /// allowed): whole registers of 8 lanes with AVX-512, else 4 with AVX2; a remainder of two or
    /// more in one register padded with its last element (<see cref="Pad"/>), a single one through
    /// the one-element form.
    /// </summary>
    public static void Run<TLoop>(ref double src, ref double dst, int length)
        where TLoop : struct, IRegisterLoop
    {
        var done = Vector512.IsHardwareAccelerated ? TLoop.Registers<Lanes512>(ref src, ref dst, length)
            : Vector256.IsHardwareAccelerated ? TLoop.Registers<Lanes256>(ref src, ref dst, length)
            : 0;
        if (length - done >= MinPaddedTail && Vector256.IsHardwareAccelerated)
        {
            Span<double> register = stackalloc double[Vector512<double>.Count];
            var width = Pad(ref src, done, length, register);
            ref var lanes = ref MemoryMarshal.GetReference(register);
            _ = Vector512.IsHardwareAccelerated ? TLoop.Registers<Lanes512>(ref lanes, ref lanes, width) : TLoop.Registers<Lanes256>(ref lanes, ref lanes, width);
            Unpad(register, ref dst, done, length);
        }
        else if (done < length)
        {
            ScalarTail<TLoop>(ref src, ref dst, done, length);
        }
    }

    /// <summary>Elements [start, length) one at a time through the one-element form.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ScalarTail<TLoop>(ref double src, ref double dst, int start, int length)
        where TLoop : struct, IRegisterLoop
    {
        for (var i = start; i < length; i++)
        {
            Unsafe.Add(ref dst, i) = TLoop.Scalar(Unsafe.Add(ref src, i));
        }
    }

    /// <summary><see cref="IRegisterLoop"/> of an operator: <see cref="Registers{TOperator, TLanes}"/> and <see cref="Scalar{TOperator}"/>.</summary>
    private readonly struct OperatorLoop<TOperator> : IRegisterLoop
        where TOperator : struct, IUnaryLanes
    {
        public static int Registers<TLanes>(ref double src, ref double dst, int length)
            where TLanes : struct, ILanes<TLanes>
            => LaneLoop.Registers<TOperator, TLanes>(ref src, ref dst, length);

        public static double Scalar(double x) => Scalar<TOperator>(x);
    }

    /// <summary>
    /// The shortest remainder that goes through one register (<see cref="Pad"/>) rather than one
    /// element at a time: a 128-bit evaluation an element costs about what a whole register does,
    /// and the lists the kernel transforms (a block's tail paths) end anywhere.
    /// </summary>
    public const int MinPaddedTail = 2;

    /// <summary>
    /// Copies elements [<paramref name="start"/>, <paramref name="length"/>) of the span at
    /// <paramref name="src"/> (fewer than a register) to the start of <paramref name="register"/>
    /// and repeats the last of them up to the register's width — 8 with AVX-512, else 4 — which
    /// it returns. Every lane of the vector functions is computed apart from the others with the
    /// scalar form's operations, so the copied elements get the bits the one-element form
    /// would give them, and the repeats take the same path as the last element, not a slow one.
    /// </summary>
    public static int Pad(ref double src, int start, int length, Span<double> register)
    {
        var width = Vector512.IsHardwareAccelerated ? Vector512<double>.Count : Vector256<double>.Count;
        var count = length - start;
        if (count <= 0 || count >= width || register.Length < width)
        {
            throw new ArgumentOutOfRangeException(nameof(length), length, $"A padded tail holds 1 to {width - 1} elements in a register of {width}.");
        }

        for (var i = 0; i < width; i++)
        {
            register[i] = Unsafe.Add(ref src, start + Math.Min(i, count - 1));
        }

        return width;
    }

    /// <summary>Writes the first <paramref name="length"/> − <paramref name="start"/> lanes of <paramref name="register"/> to destination [<paramref name="start"/>, <paramref name="length"/>) (<see cref="Pad"/>'s inverse).</summary>
    public static void Unpad(ReadOnlySpan<double> register, ref double dst, int start, int length)
    {
        for (var i = start; i < length; i++)
        {
            Unsafe.Add(ref dst, i) = register[i - start];
        }
    }

    /// <summary>The span rules of <see cref="Apply{TOperator}"/>: destination long enough, no partial overlap.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <paramref name="x"/> or partially overlaps it.</exception>
    public static void CheckSpans(ReadOnlySpan<double> x, Span<double> destination)
    {
        if (destination.Length < x.Length)
        {
            throw new ArgumentException($"Destination holds {destination.Length} values, need {x.Length}.", nameof(destination));
        }

        if (x.Overlaps(destination, out var offset) && offset != 0)
        {
            throw new ArgumentException("Destination partially overlaps the input.", nameof(destination));
        }
    }

    /// <summary>
    /// Whole registers from the start; returns how many elements were written. A method of its
    /// own (not inlined) so the JIT's inlining budget goes to the function's few dozen register
    /// operations: inlined into a caller, it ran out and left the operators as calls (9× slower).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static int Registers<TOperator, TLanes>(ref double src, ref double dst, int length)
        where TOperator : struct, IUnaryLanes
        where TLanes : struct, ILanes<TLanes>
    {
        var i = 0;
        for (; i <= length - TLanes.Count; i += TLanes.Count)
        {
            TLanes.Store(TOperator.Invoke(TLanes.Load(in src, (nuint)i)), ref dst, (nuint)i);
        }

        return i;
    }

    /// <summary>f(x) for one value: the generic code on a 128-bit register, lane 0.</summary>
    public static double Scalar<TOperator>(double x)
        where TOperator : struct, IUnaryLanes
        => TOperator.Invoke(new Lanes128(Vector128.Create(x))).Value.ToScalar();

    /// <summary>
    /// destination[i] = c · x[i], one IEEE product per element (never fused), so the bits of the
    /// scalar <c>c * x</c> (and of <c>x * c</c>: the product commutes); span rules of
    /// <see cref="Apply{TOperator}"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The destination is shorter than <paramref name="x"/> or partially overlaps it.</exception>
    public static void Multiply(double c, ReadOnlySpan<double> x, Span<double> destination) => WithConstant<Times>(x, c, destination);

    /// <summary>destination[i] = x[i] / d, one IEEE quotient per element, so the scalar loop's bits; span rules of <see cref="Apply{TOperator}"/>.</summary>
    /// <exception cref="ArgumentException">The destination is shorter than <paramref name="x"/> or partially overlaps it.</exception>
    public static void Divide(ReadOnlySpan<double> x, double d, Span<double> destination) => WithConstant<Over>(x, d, destination);

    /// <summary>destination[i] = <typeparamref name="TOperator"/>(x[i], c): Vector512 body, scalar tail.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void WithConstant<TOperator>(ReadOnlySpan<double> x, double c, Span<double> destination)
        where TOperator : struct, IConstantOperator
    {
        CheckSpans(x, destination);
        ref var xr = ref MemoryMarshal.GetReference(x);
        ref var dr = ref MemoryMarshal.GetReference(destination);
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var vc = Vector512.Create(c);
            for (; i <= x.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                TOperator.Invoke(Vector512.LoadUnsafe(ref xr, (nuint)i), vc).StoreUnsafe(ref dr, (nuint)i);
            }
        }

        for (; i < x.Length; i++)
        {
            Unsafe.Add(ref dr, i) = TOperator.Invoke(Unsafe.Add(ref xr, i), c);
        }
    }

    /// <summary>One IEEE operation of a value and a constant, on a lane and on a register (the same bits per lane).</summary>
    private interface IConstantOperator
    {
        static abstract double Invoke(double x, double c);

        static abstract Vector512<double> Invoke(Vector512<double> x, Vector512<double> c);
    }

    private readonly struct Times : IConstantOperator
    {
        public static double Invoke(double x, double c) => c * x;

        public static Vector512<double> Invoke(Vector512<double> x, Vector512<double> c) => c * x;
    }

    private readonly struct Over : IConstantOperator
    {
        public static double Invoke(double x, double c) => x / c;

        public static Vector512<double> Invoke(Vector512<double> x, Vector512<double> c) => x / c;
    }
}
