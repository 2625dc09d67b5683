using ClimateRisk.Core.Simulation.Internal;

namespace ClimateRisk.Core.Tests.Simulation;

public class YearJobsTests
{
    [Fact]
    public void Jobs_are_numbered_kind_by_kind_in_the_order_of_the_kinds()
    {
        // A horizon in the last year of a 2-site run: 3 entities, 3 × 8 NPV items, 6 curves, 3 × 31 cells.
        var jobs = new YearJobs(3, 24, 3, 6, 93);
        jobs.Count.Should().Be(3 + 24 + 3 + 6 + 93);

        var expected = Enumerable.Range(0, 3).Select(i => (YearJob.HorizonItems, i))
            .Concat(Enumerable.Range(0, 24).Select(i => (YearJob.NpvItem, i)))
            .Concat(Enumerable.Range(0, 3).Select(i => (YearJob.NpvCell, i)))
            .Concat(Enumerable.Range(0, 6).Select(i => (YearJob.Curve, i)))
            .Concat(Enumerable.Range(0, 93).Select(i => (YearJob.Cell, i)));
        Enumerable.Range(0, jobs.Count).Select(jobs.Of).Should().Equal(expected);
    }

    [Fact]
    public void An_ordinary_year_is_its_cells_alone()
    {
        var jobs = new YearJobs(0, 0, 0, 0, 216);
        jobs.Count.Should().Be(216);
        jobs.Of(0).Should().Be((YearJob.Cell, 0));
        jobs.Of(215).Should().Be((YearJob.Cell, 215));
    }

    [Fact]
    public void A_job_outside_the_phase_is_refused()
    {
        var jobs = new YearJobs(1, 0, 0, 2, 4);
        FluentActions.Invoking(() => jobs.Of(7)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => jobs.Of(-1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => new YearJobs(0, -1, 0, 0, 0)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
