using System.Collections.Concurrent;
using ClimateRisk.Core.Simulation.Internal;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Simulation;

/// <summary>
/// ItemQueue: every item exactly once whatever the workers, chunks from both ends that shrink to single items,
/// one local state per worker handed back, and exceptions and cancellation as Parallel.For
/// gives them — through the <see cref="WorkerGang"/> whenever there are 2 workers, since these
/// tests run on their own (<see cref="WorkerThreadsGroup"/>).
/// </summary>
[Collection(WorkerThreadsGroup.Name)]
public sealed class ItemQueueTests
{
    [Theory]
    [InlineData(0, 2)]
    [InlineData(1, 2)]
    [InlineData(7, 2)]
    [InlineData(391, 2)]
    [InlineData(216, 1)]
    [InlineData(1_000, 4)]
    public void Every_item_is_taken_exactly_once(int count, int workers)
    {
        var taken = new int[count];
        ItemQueue.For(count, new ParallelOptions { MaxDegreeOfParallelism = workers }, i => Interlocked.Increment(ref taken[i]));

        taken.Count(t => t == 1).Should().Be(count);
    }

    [Fact]
    public void Forty_items_for_two_workers_come_in_the_chunks_worked_out_by_hand()
    {
        // What is left ÷ (2 × 2 workers), at least 1: 40 → 10, 30 → 7, 23 → 5, 18 → 4, 14 → 3,
        // 11 → 2, 9 → 2, then 7 → 1 and single items to the end.
        Sizes(Chunks(40, 2)).Should().Equal(10, 7, 5, 4, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1);
    }

    [Fact]
    public void A_years_blocks_start_in_chunks_of_the_largest_size_shrink_and_end_on_single_items()
    {
        var chunks = Chunks(391, 2);

        chunks[0].Should().Be((0, ItemQueue.MaxChunk), "391 ÷ 4 is more than the largest chunk");
        for (var c = 1; c < chunks.Count; c++)
        {
            chunks[c].First.Should().Be(chunks[c - 1].End, "chunks follow each other");
        }

        chunks[^1].End.Should().Be(391);
        Sizes(chunks).Should().BeInDescendingOrder().And.OnlyContain(s => s >= 1 && s <= ItemQueue.MaxChunk);
        Sizes(chunks).TakeLast(4).Should().OnlyContain(s => s == 1, "the phase ends on single items");
    }

    [Fact]
    public void Chunks_from_the_back_mirror_those_from_the_front()
    {
        var back = Chunks(391, 2, fromBack: true);

        back.Select(c => (391 - c.End, 391 - c.First)).Should().Equal(Chunks(391, 2));
    }

    [Fact]
    public void Takes_from_both_ends_cover_every_item_once_and_meet_in_the_middle()
    {
        // Forty items, two workers: front 10 → [0, 10), back 30 ÷ 4 = 7 → [33, 40), front
        // 23 ÷ 4 = 5 → [10, 15), back 18 ÷ 4 = 4 → [29, 33), … until the ends meet.
        var left = ItemQueue.Left(40);
        var chunks = new List<(int First, int End)>();
        for (var turn = 0; ; turn++)
        {
            var chunk = ItemQueue.Take(ref left, 40, 2, fromBack: turn % 2 == 1);
            if (chunk.First >= 40)
            {
                break;
            }

            chunks.Add(chunk);
        }

        chunks.Take(4).Should().Equal((0, 10), (33, 40), (10, 15), (29, 33));
        chunks.SelectMany(c => Enumerable.Range(c.First, c.End - c.First)).Should().BeEquivalentTo(Enumerable.Range(0, 40));
        Sizes(chunks).TakeLast(4).Should().OnlyContain(s => s == 1, "the phase ends on single items where the ends meet");
    }

    [Fact]
    public void Each_worker_gets_its_own_local_and_hands_it_back_once()
    {
        var made = new ConcurrentBag<List<int>>();
        var finished = new ConcurrentBag<List<int>>();
        ItemQueue.For(
            500,
            new ParallelOptions { MaxDegreeOfParallelism = 2 },
            () =>
            {
                var local = new List<int>();
                made.Add(local);
                return local;
            },
            (item, local) =>
            {
                local.Add(item);
                return local;
            },
            finished.Add);

        made.Count.Should().BeInRange(1, 2);
        finished.Should().HaveCount(made.Count, "every local is handed back once");
        finished.Should().OnlyContain(l => made.Any(m => ReferenceEquals(m, l)));
        finished.Distinct(ReferenceEqualityComparer.Instance).Should().HaveCount(made.Count);
        finished.SelectMany(l => l).Should().BeEquivalentTo(Enumerable.Range(0, 500));
    }

    [Fact]
    public void An_exception_stops_the_workers_and_comes_back_as_an_aggregate_exception()
    {
        var after = 0;
        var act = () => ItemQueue.For(100_000, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
        {
            if (i == 50)
            {
                throw new InvalidDataException("item 50");
            }

            if (i > 50)
            {
                Interlocked.Increment(ref after);
            }

            Thread.SpinWait(200);
        });

        act.Should().Throw<AggregateException>().WithInnerException<InvalidDataException>().WithMessage("item 50");
        after.Should().BeLessThan(90_000, "the other worker stops at its next chunk instead of running to the end");
    }

    [Fact]
    public void Cancellation_stops_the_workers_and_throws_operation_canceled()
    {
        using var source = new CancellationTokenSource();
        var ran = 0;
        var act = () => ItemQueue.For(100_000, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = source.Token }, i =>
        {
            if (Interlocked.Increment(ref ran) == 100)
            {
                source.Cancel();
            }

            Thread.SpinWait(200);
        });

        act.Should().Throw<OperationCanceledException>();
        ran.Should().BeLessThan(1_000);
    }

    /// <summary>The chunks one caller takes from one end of a fresh queue until none is left.</summary>
    private static List<(int First, int End)> Chunks(int count, int workers, bool fromBack = false)
    {
        var left = ItemQueue.Left(count);
        var chunks = new List<(int First, int End)>();
        while (ItemQueue.Take(ref left, count, workers, fromBack) is var chunk && chunk.First < count)
        {
            chunks.Add(chunk);
        }

        return chunks;
    }

    private static int[] Sizes(List<(int First, int End)> chunks) => chunks.Select(c => c.End - c.First).ToArray();
}
