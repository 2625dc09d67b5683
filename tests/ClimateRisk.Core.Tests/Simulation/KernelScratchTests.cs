using System.Reflection;
using System.Runtime.InteropServices;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;

namespace ClimateRisk.Core.Tests.Simulation;

/// <summary>
/// KernelScratch's block rows: carved from one allocation per worker, each on a 64-byte line,
/// none overlapping another, with the guards before the first and after the last.
/// </summary>
public sealed class KernelScratchTests
{
    private const int GuardDoubles = 16;

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(13)]
    public void Block_rows_lie_in_one_slab_on_lines_without_overlap(int sites)
    {
        var scratch = new KernelScratch(sites);

        var rows = typeof(KernelScratch).GetFields(BindingFlags.Instance | BindingFlags.NonPublic)
            .Where(f => f.FieldType == typeof(ArraySegment<double>))
            .Select(f => (Name: f.Name, Row: (ArraySegment<double>)f.GetValue(scratch)!))
            .OrderBy(r => r.Row.Offset)
            .ToArray();

        rows.Should().HaveCountGreaterThan(30, "every block row is a segment of the slab");
        var slab = rows[0].Row.Array!;
        rows.Should().OnlyContain(r => ReferenceEquals(r.Row.Array, slab), "one allocation per worker");
        foreach (var (name, row) in rows)
        {
            ((long)Marshal.UnsafeAddrOfPinnedArrayElement(slab, row.Offset) % 64).Should().Be(0, $"{name} starts on a line");
            (row.Count % PathKernel.BlockSize).Should().Be(0, $"{name} holds whole blocks");
        }

        for (var i = 1; i < rows.Length; i++)
        {
            rows[i].Row.Offset.Should().BeGreaterThanOrEqualTo(rows[i - 1].Row.Offset + rows[i - 1].Row.Count, $"{rows[i].Name} starts after {rows[i - 1].Name} ends");
        }

        rows[0].Row.Offset.Should().BeGreaterThanOrEqualTo(GuardDoubles, "128 bytes before the first row");
        (slab.Length - (rows[^1].Row.Offset + rows[^1].Row.Count)).Should().BeGreaterThanOrEqualTo(GuardDoubles, "128 bytes after the last row");
        scratch.SiteMetrics.Length.Should().Be(MetricNames.Count * PathKernel.BlockSize);
        scratch.FloodBlock.Length.Should().Be(sites * PathKernel.BlockSize);
        scratch.InundationRatio.Length.Should().Be(sites * 2 * PathKernel.BlockSize);
    }

    [Fact]
    public void Each_sites_inundation_entries_start_where_the_previous_sites_end()
    {
        var scratch = new KernelScratch(3);
        scratch.InundationEnd[0] = 4;
        scratch.InundationEnd[1] = 4;
        scratch.InundationEnd[2] = 9;

        new[] { scratch.InundationStart(0), scratch.InundationStart(1), scratch.InundationStart(2) }.Should().Equal(0, 4, 4);
    }
}
