using System.Globalization;
using ClimateRisk.Cli.Internal;
using ClimateRisk.Core.Simulation;

namespace ClimateRisk.Cli.Tests.Internal;

public class ProgressDisplayTests
{
    [Fact]
    public void Tenths_reported_from_many_threads_appear_once_each_in_order()
    {
        const int total = 10_000;
        using var output = new StringWriter();
        // The line of 50 % is slow to make (as a preempted thread would be): the other threads pass
        // 60 % meanwhile, and without the lock its line would be written first.
        var progress = ProgressDisplay.Tenths(output, (p, tenth) =>
        {
            Thread.Sleep(tenth == 5 ? 200 : 0);
            return string.Create(CultureInfo.InvariantCulture, $"{tenth} {p.Done}");
        });
        var done = 0;

        var threads = Enumerable.Range(0, 4).Select(_ => new Thread(() =>
        {
            for (int d; (d = Interlocked.Increment(ref done)) <= total;)
            {
                progress.Report(new SimulationProgress(d, total, "s", 2050));
            }
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')).ToArray();
        var tenths = lines.Select(l => int.Parse(l[0], CultureInfo.InvariantCulture)).ToArray();
        tenths.Should().OnlyHaveUniqueItems().And.BeInAscendingOrder().And.HaveElementAt(tenths.Length - 1, 10);
        lines.Should().OnlyContain(l => int.Parse(l[1], CultureInfo.InvariantCulture) * 10 / total == int.Parse(l[0], CultureInfo.InvariantCulture));
    }
}
