using System.Runtime.InteropServices;
using ClimateRisk.Core.Simulation.Internal;

namespace ClimateRisk.Core.Tests.Simulation;

public sealed class PathMemoryTests
{
    // Around the size from which the arrays are pinned, advised and cleared by hand (8 MiB).
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData((8 << 20) / sizeof(double) - 1)]
    [InlineData((8 << 20) / sizeof(double))]
    [InlineData((8 << 20) / sizeof(double) + 12345)]
    [InlineData(5_000_001)]
    public void Allocate_returns_zeroed_doubles_of_the_length_from_a_line_boundary(int length)
    {
        var segment = PathMemory.Allocate(length);

        segment.Count.Should().Be(length);
        segment.AsSpan().ContainsAnyExcept(0.0).Should().BeFalse();
        StartAddress(segment).Should().Match(address => address % 64 == 0, "the doubles start on a 64-byte line");
        segment.Offset.Should().BeInRange(0, 7);
        (segment.Offset + segment.Count).Should().BeLessThanOrEqualTo(segment.Array!.Length);
        if (length > 0)
        {
            var span = segment.AsSpan();
            span[^1] = 1.5;
            span[^1].Should().Be(1.5);
        }
    }

    // Arrays of many sizes land at different addresses within a line; every segment starts on one.
    [Fact]
    public void Every_allocation_starts_on_a_line_whatever_the_arrays_before_it()
    {
        var kept = new List<ArraySegment<double>>();
        for (var length = 1; length < 200; length += 3)
        {
            kept.Add(PathMemory.Allocate(length));
            _ = new double[length % 13];
        }

        kept.Select(StartAddress).Should().OnlyContain(address => address % 64 == 0);
        kept.Select(s => s.Offset).Distinct().Should().HaveCountGreaterThan(1, "the arrays' own starts fall at different places in a line, so the check above can fail");
    }

    // One thread, and two clearing 2 MiB pieces (the length is not a whole number of them).
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void A_large_array_is_zero_even_where_the_memory_held_an_earlier_one(int workers)
    {
        // Fresh memory is zero anyway; memory the collector hands out again is not, so fill
        // arrays, drop them, collect, and allocate again over what they held.
        const int length = 2_000_000;
        for (var round = 0; round < 4; round++)
        {
            Fill(length);
            GC.Collect(2, GCCollectionMode.Forced, blocking: true);
            GC.WaitForPendingFinalizers();
            var segment = PathMemory.Allocate(length, workers);
            segment.Count.Should().Be(length);
            segment.Array.Should().OnlyContain(v => v == 0, "the slack before and after the segment is cleared too");
        }

        static void Fill(int length)
        {
            for (var i = 0; i < 3; i++)
            {
                PathMemory.Allocate(length).AsSpan().Fill(1.5);
            }
        }
    }

    // The pieces are 2 MiB (262,144 doubles): lengths around whole numbers of them.
    [Theory]
    [InlineData(1, 262_144 * 3)]
    [InlineData(2, 1)]
    [InlineData(2, 262_143)]
    [InlineData(2, 262_144)]
    [InlineData(2, 262_145)]
    [InlineData(2, (262_144 * 3) + 17)]
    [InlineData(8, (262_144 * 5) - 1)]
    public void Clearing_in_pieces_zeroes_every_value(int workers, int length)
    {
        var array = new double[length];
        array.AsSpan().Fill(1.5);

        PathMemory.Clear(array, workers);

        array.AsSpan().ContainsAnyExcept(0.0).Should().BeFalse();
    }

    [Fact]
    public void A_large_array_is_pinned_so_its_advised_pages_stay_its_own()
    {
        // Garbage below the array, so a compaction of the large-object heap would move an unpinned one down.
        var garbage = new double[3_000_000];
        var array = PathMemory.Allocate(2_000_000).Array!;
        GC.KeepAlive(garbage);
        garbage = null;
        var before = Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var after = Marshal.UnsafeAddrOfPinnedArrayElement(array, 0);

        after.Should().Be(before);
    }

    private static long StartAddress(ArraySegment<double> segment)
        => segment.Array!.Length == 0 ? 0 : (long)Marshal.UnsafeAddrOfPinnedArrayElement(segment.Array, segment.Offset);

    [Fact]
    public void Negative_length_is_refused()
    {
        var allocate = () => PathMemory.Allocate(-1);

        allocate.Should().Throw<ArgumentOutOfRangeException>();
    }
}
