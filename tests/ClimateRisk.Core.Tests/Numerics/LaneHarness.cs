using ClimateRisk.Core.Numerics.Internal;

namespace ClimateRisk.Core.Tests.Numerics;

/// <summary>Runs a lane function over an array in one register width, for comparing widths.</summary>
internal static class LaneHarness
{
    public delegate T LaneFunction<T>(T x)
        where T : struct, ILanes<T>;

    /// <summary>f over <paramref name="x"/> in registers of type <typeparamref name="T"/>; the last partial register is padded with 1.</summary>
    public static double[] Apply<T>(LaneFunction<T> f, double[] x)
        where T : struct, ILanes<T>
    {
        var padded = new double[((x.Length + T.Count - 1) / T.Count * T.Count) + T.Count];
        Array.Fill(padded, 1.0);
        x.CopyTo(padded, 0);
        var result = new double[padded.Length];
        for (var i = 0; i < x.Length; i += T.Count)
        {
            T.Store(f(T.Load(in padded[0], (nuint)i)), ref result[0], (nuint)i);
        }

        return result[..x.Length];
    }

    /// <summary>Distance in units in the last place between two doubles (0 when both are the same NaN or equal).</summary>
    public static long Ulps(double actual, double expected)
    {
        if (actual == expected || (double.IsNaN(actual) && double.IsNaN(expected)))
        {
            return 0;
        }

        if (double.IsNaN(actual) || double.IsNaN(expected) || Math.Sign(actual) * Math.Sign(expected) < 0)
        {
            return long.MaxValue;
        }

        return Math.Abs(BitConverter.DoubleToInt64Bits(Math.Abs(actual)) - BitConverter.DoubleToInt64Bits(Math.Abs(expected)));
    }

    /// <summary>Arguments for bit-agreement tests: the reference arguments plus special values, shuffled.</summary>
    public static double[] Mixed(IEnumerable<double> arguments, params double[] specials)
    {
        var random = new System.Random(17);
        return arguments.Concat(specials).OrderBy(_ => random.Next()).ToArray();
    }

    /// <summary>A span function over spans of every length 0–67 at every offset 0–7 of its buffers.</summary>
    public delegate void SpanFunction(ReadOnlySpan<double> x, Span<double> destination);

    /// <summary>
    /// Checks that <paramref name="span"/> gives, element by element, the bits of
    /// <paramref name="scalar"/> for every length 0–67 at every alignment 0–7 (the vector body,
    /// every tail length and unaligned loads), with arguments drawn in turn from <paramref name="pool"/>.
    /// </summary>
    public static void AssertSpanEqualsScalarAtEveryLengthAndAlignment(string function, double[] pool, SpanFunction span, Func<double, double> scalar)
    {
        var source = new double[67 + 8];
        var destination = new double[67 + 8];
        for (var length = 0; length <= 67; length++)
        {
            for (var offset = 0; offset < 8; offset++)
            {
                for (var i = 0; i < length; i++)
                {
                    source[offset + i] = pool[((length * 8) + offset + i) % pool.Length];
                }

                span(source.AsSpan(offset, length), destination.AsSpan(offset, length));
                for (var i = 0; i < length; i++)
                {
                    var expected = scalar(source[offset + i]);
                    BitConverter.DoubleToInt64Bits(destination[offset + i]).Should().Be(BitConverter.DoubleToInt64Bits(expected), $"{function}({source[offset + i]:R}) at length {length}, offset {offset}, element {i}");
                }
            }
        }
    }
}
