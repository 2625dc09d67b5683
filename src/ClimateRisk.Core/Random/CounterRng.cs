using System.Runtime.CompilerServices;
using ClimateRisk.Core.Distributions.Internal;

namespace ClimateRisk.Core.Random;

/// <summary>
/// Uniform and normal draws as pure functions of (seed, stream, path, year, site, draw)
/// (MODEL §2). The scenario is deliberately not part of the key: all scenarios see the same
/// draws (common random numbers).
/// </summary>
/// <remarks>
/// <para>
/// Counter layout for Philox4x32-10: c0 = path, c1 = calendar year (0 for path-level draws),
/// c2 = site key (0 for path-level draws), c3 = stream · 2²⁴ + draw; key = the 64-bit seed.
/// The uniform takes the top 53 bits of the first two output words: u = (v + ½) · 2⁻⁵³, which
/// lies strictly inside (0, 1), so Φ⁻¹(u) and ln(u) are always finite.
/// </para>
/// <para>
/// A generator may be <em>re-keyed</em> for some streams (<see cref="Rekeyed"/>): those streams
/// are drawn with a different Philox key derived from (seed, replicate), every other stream with
/// the seed. That is what a pick-freeze sensitivity design needs — a fresh, independent draw of
/// one driver group with everything else kept — without any change to the code that draws.
/// A plain generator (<c>new CounterRng(seed)</c>) keys every stream with the seed.
/// </para>
/// </remarks>
public readonly struct CounterRng
{
    private const double TwoToMinus53 = 1.0 / (1UL << 53);

    // Bit i set: stream i is drawn with _alternateKey instead of the seed.
    private readonly ulong _rekeyedStreams;
    private readonly ulong _alternateKey;

    /// <summary>A generator keyed with <paramref name="seed"/> for every stream.</summary>
    /// <param name="seed">The run's seed.</param>
    public CounterRng(ulong seed)
    {
        Seed = seed;
    }

    private CounterRng(ulong seed, ulong rekeyedStreams, ulong alternateKey)
    {
        Seed = seed;
        _rekeyedStreams = rekeyedStreams;
        _alternateKey = alternateKey;
    }

    /// <summary>The seed this generator is keyed with.</summary>
    public ulong Seed { get; }

    /// <summary>
    /// The Philox key of <paramref name="replicate"/> for this seed: the SplitMix64 finaliser of
    /// seed + replicate · 2⁶⁴/φ, never equal to the seed. Replicate 0 is the seed itself.
    /// </summary>
    public static ulong ReplicateKey(ulong seed, ulong replicate)
    {
        if (replicate == 0)
        {
            return seed;
        }

        var z = seed + (replicate * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return z == seed ? ~z : z;
    }

    /// <summary>
    /// This generator with <paramref name="streams"/> drawn under the key of
    /// <paramref name="replicate"/> (≥ 1) and every other stream as before. Two generators
    /// re-keyed with the same replicate give the same draws on the streams both re-key.
    /// </summary>
    /// <param name="streams">Streams to re-key (each id below 64).</param>
    /// <param name="replicate">Replicate number, ≥ 1 (0 would be the seed itself).</param>
    public CounterRng Rekeyed(ReadOnlySpan<RandomStreamId> streams, ulong replicate)
    {
        ArgumentOutOfRangeException.ThrowIfZero(replicate);
        var mask = _rekeyedStreams;
        var key = ReplicateKey(Seed, replicate);
        if (mask != 0 && key != _alternateKey)
        {
            throw new InvalidOperationException("A generator can be re-keyed with one replicate only.");
        }

        foreach (var stream in streams)
        {
            if ((int)stream >= 64)
            {
                throw new ArgumentOutOfRangeException(nameof(streams), stream, "Stream ids must be below 64 to be re-keyed.");
            }

            mask |= 1UL << (int)stream;
        }

        return new CounterRng(Seed, mask, key);
    }

    /// <summary>True when <paramref name="stream"/> is drawn with a replicate key rather than the seed.</summary>
    public bool IsRekeyed(RandomStreamId stream) => ((_rekeyedStreams >> ((int)stream & 63)) & 1) != 0;

    /// <summary>The Philox key <paramref name="stream"/> is drawn with: the seed, or the replicate key where re-keyed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong KeyFor(RandomStreamId stream) => ((_rekeyedStreams >> ((int)stream & 63)) & 1) != 0 ? _alternateKey : Seed;

    /// <summary>A uniform in (0, 1).</summary>
    /// <param name="stream">Named stream.</param>
    /// <param name="path">Path index (global across shards).</param>
    /// <param name="year">Calendar year, or 0 for path-level draws.</param>
    /// <param name="siteKey">Stable site key (<see cref="SiteKey"/>), or 0 for path-level draws.</param>
    /// <param name="draw">Index of the draw within (stream, path, year, site), below 2²⁴.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Uniform(RandomStreamId stream, long path, int year, uint siteKey, uint draw)
    {
        var key = KeyFor(stream);
        Philox4x32.Block(
            (uint)path, (uint)year, siteKey, ((uint)stream << 24) | (draw & 0xFFFFFF),
            (uint)key, (uint)(key >> 32),
            out var r0, out var r1, out _, out _);
        var bits = (((ulong)r0 << 32) | r1) >> 11;
        return (bits + 0.5) * TwoToMinus53;
    }

    /// <summary>
    /// A standard normal draw, Φ⁻¹ of <see cref="Uniform"/> by the vector AS 241
    /// (<c>VectorNormal.InvCdf</c>, ≤ 4 ulp; the same bits as the block kernel's batched draws).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Normal(RandomStreamId stream, long path, int year, uint siteKey, uint draw)
        => VectorNormal.InvCdf(Uniform(stream, path, year, siteKey, draw));
}
