using System.Collections.Concurrent;
using System.Globalization;
using ClimateRisk.Core.Simulation.Internal;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Simulation;

/// <summary>
/// WorkerGang: every part once, the caller's on the calling thread and the others on other
/// threads, in the caller's culture; the parts' exceptions in worker order; one phase at a time,
/// and never more workers than processors.
/// The gang is process-wide, so these tests run on their own (<see cref="WorkerThreadsGroup"/>)
/// and every phase they start must get it.
/// </summary>
[Collection(WorkerThreadsGroup.Name)]
public sealed class WorkerGangTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Runs_every_part_once_the_first_on_the_calling_thread(int workers)
    {
        // This machine has 2 processors or more (docs: the CI machine has 2).
        Environment.ProcessorCount.Should().BeGreaterThanOrEqualTo(workers);
        var threads = new ConcurrentDictionary<int, int>();
        var caller = Environment.CurrentManagedThreadId;
        var exceptions = Run(workers, w => threads.TryAdd(w, Environment.CurrentManagedThreadId).Should().BeTrue());

        exceptions.Should().BeEmpty();
        threads.Keys.Should().BeEquivalentTo(Enumerable.Range(0, workers));
        threads[0].Should().Be(caller);
        threads.Values.Distinct().Should().HaveCount(workers, "each helper is its own thread");
    }

    [Fact]
    public void Parts_run_at_the_same_time()
    {
        // Each part waits for the other: run one after the other, they would never finish.
        using var both = new Barrier(2);
        var exceptions = Run(2, _ => both.SignalAndWait(TimeSpan.FromSeconds(30)).Should().BeTrue());

        exceptions.Should().BeEmpty();
    }

    [Fact]
    public void Helpers_run_in_the_callers_culture()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("ru-RU");
            var seen = new string[2];
            Run(2, w => seen[w] = CultureInfo.CurrentCulture.Name);

            seen.Should().Equal("ru-RU", "ru-RU");
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void The_parts_exceptions_come_back_in_worker_order_and_the_gang_runs_again()
    {
        var exceptions = Run(2, w => throw new InvalidDataException($"part {w}"));

        exceptions.Select(e => e.Message).Should().Equal("part 0", "part 1");
        Run(2, _ => { }).Should().BeEmpty("a part that threw leaves its helper ready for the next phase");
    }

    [Fact]
    public void More_workers_than_processors_are_refused_with_nothing_run()
    {
        var ran = 0;
        WorkerGang.TryRun(Environment.ProcessorCount + 1, _ => Interlocked.Increment(ref ran), out var exceptions).Should().BeFalse();

        ran.Should().Be(0);
        exceptions.Should().BeEmpty();
    }

    [Fact]
    public void A_phase_started_inside_a_phase_finds_the_gang_taken()
    {
        var inner = new bool[2];
        Run(2, w => inner[w] = WorkerGang.TryRun(2, _ => { }, out _));

        inner.Should().Equal(false, false);
    }

    /// <summary>TryRun, which must find the gang free: nothing else runs beside these tests.</summary>
    private static IReadOnlyList<Exception> Run(int workers, Action<int> part)
    {
        WorkerGang.TryRun(workers, part, out var exceptions).Should().BeTrue("no other test holds the gang");
        return exceptions;
    }
}
