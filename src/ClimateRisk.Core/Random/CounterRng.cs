using System.Runtime.CompilerServices;
using ClimateRisk.Core.Distributions;

namespace ClimateRisk.Core.Random;

/// <summary>
/// Uniform and normal draws as pure functions of (seed, stream, path, year, site, draw)
/// (MODEL §2). The scenario is deliberately not part of the key: all scenarios see the same
/// draws (common random numbers).
/// </summary>
/// <remarks>
/// Counter layout for Philox4x32-10: c0 = path, c1 = calendar year (0 for path-level draws),
/// c2 = site key (0 for path-level draws), c3 = stream · 2²⁴ + draw; key = the 64-bit seed.
/// The uniform takes the top 53 bits of the first two output words: u = (v + ½) · 2⁻⁵³, which
/// lies strictly inside (0, 1), so Φ⁻¹(u) and ln(u) are always finite.
/// </remarks>
/// <param name="seed">The run's seed.</param>
public readonly struct CounterRng(ulong seed)
{
    private const double TwoToMinus53 = 1.0 / (1UL << 53);

    /// <summary>The seed this generator is keyed with.</summary>
    public ulong Seed { get; } = seed;

    /// <summary>A uniform in (0, 1).</summary>
    /// <param name="stream">Named stream.</param>
    /// <param name="path">Path index (global across shards).</param>
    /// <param name="year">Calendar year, or 0 for path-level draws.</param>
    /// <param name="siteKey">Stable site key (<see cref="SiteKey"/>), or 0 for path-level draws.</param>
    /// <param name="draw">Index of the draw within (stream, path, year, site), below 2²⁴.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Uniform(RandomStreamId stream, long path, int year, uint siteKey, uint draw)
    {
        Philox4x32.Block(
            (uint)path, (uint)year, siteKey, ((uint)stream << 24) | (draw & 0xFFFFFF),
            (uint)Seed, (uint)(Seed >> 32),
            out var r0, out var r1, out _, out _);
        var bits = (((ulong)r0 << 32) | r1) >> 11;
        return (bits + 0.5) * TwoToMinus53;
    }

    /// <summary>A standard normal draw, Φ⁻¹ of <see cref="Uniform"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Normal(RandomStreamId stream, long path, int year, uint siteKey, uint draw)
        => StandardNormal.InvCdfUnchecked(Uniform(stream, path, year, siteKey, draw));
}
