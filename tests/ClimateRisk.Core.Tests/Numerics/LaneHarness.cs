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
}
