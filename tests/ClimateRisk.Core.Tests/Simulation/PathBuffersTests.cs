using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Simulation.Internal;

namespace ClimateRisk.Core.Tests.Simulation;

public class PathBuffersTests
{
    [Fact]
    public void Rented_buffers_are_as_new_even_when_a_run_left_them_written()
    {
        // A shape no other test uses, so the spare set is this test's own (a test running in
        // parallel may still take it; then the second rent is new, and as new as well).
        const int Sites = 3, Paths = 1_288;
        var first = PathBuffers.Rent(Sites, Paths, workers: 2, climatePueRows: true);
        first.Values.Fill(7.5);
        first.Occurrence.Fill(-1);
        first.Npv.Fill(2);
        first.FinancialNpv.Fill(3);
        first.ClimatePue.Fill(1.4);
        first.SkippedBlocks.AsSpan().Fill(true);
        first.SkippedBits.AsSpan().Fill(42);
        PathBuffers.Return(first);

        var second = PathBuffers.Rent(Sites, Paths, workers: 2, climatePueRows: true);
        second.Entities.Should().Be(Sites + 1);
        second.Paths.Should().Be(Paths);
        second.Values.Length.Should().Be(MetricNames.Count * (Sites + 1) * Paths);
        second.Values.ContainsAnyExcept(0.0).Should().BeFalse();
        second.Occurrence.ContainsAnyExcept(0.0).Should().BeFalse();
        second.Npv.ContainsAnyExcept(0.0).Should().BeFalse();
        second.FinancialNpv.ContainsAnyExcept(0.0).Should().BeFalse();
        second.ClimatePue.Length.Should().Be(Sites * Paths);
        second.ClimatePue.ContainsAnyExcept(0.0).Should().BeFalse();
        second.SkippedBlocks.Should().NotContain(true);
        second.SkippedBits.Should().OnlyContain(bits => bits == 0);
    }

    [Fact]
    public void A_run_of_another_shape_gets_buffers_of_its_own_shape()
    {
        var kept = PathBuffers.Rent(2, 1_296, workers: 1, climatePueRows: true);
        PathBuffers.Return(kept);
        var other = PathBuffers.Rent(2, 1_304, workers: 1, climatePueRows: false);
        other.Should().NotBeSameAs(kept);
        other.Paths.Should().Be(1_304);
        other.ClimatePue.Length.Should().Be(0);
    }
}
