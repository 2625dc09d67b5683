using ClimateRisk.Core.Simulation;
using ClimateRisk.Pipeline;
using Spectre.Console;

namespace ClimateRisk.Cli.Internal;

/// <summary>
/// Shows progress of a long job: a progress bar on an interactive terminal, plain lines at each
/// tenth when the output is redirected (schedulers, CI logs).
/// </summary>
internal static class ProgressDisplay
{
    public static T Run<T>(IAnsiConsole console, TextWriter output, string label, Func<IProgress<SimulationProgress>, T> job)
    {
        if (console.Profile.Capabilities.Interactive && !Console.IsOutputRedirected)
        {
            T result = default!;
            console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask(label);
                    result = job(new CallbackProgress<SimulationProgress>(p =>
                    {
                        task.MaxValue = p.Total;
                        task.Description = $"{label}: {p.ScenarioId}";
                        task.Value = p.Done;
                    }));
                });
            return result;
        }

        return job(Tenths(output, (p, tenth) => $"  [{tenth * 10,3}%] {label}: {p.Done}/{p.Total} ({p.ScenarioId})"));
    }

    /// <summary>
    /// Progress that writes <paramref name="line"/>(progress, tenth) to <paramref name="output"/>
    /// when a further tenth of the job is done. Reports may come from several threads at once: a
    /// lock makes each tenth appear at most once and the lines in increasing order.
    /// </summary>
    public static IProgress<SimulationProgress> Tenths(TextWriter output, Func<SimulationProgress, int, string> line)
    {
        var lastTenth = 0;
        var gate = new Lock();
        return new CallbackProgress<SimulationProgress>(p =>
        {
            lock (gate)
            {
                var tenth = p.Done * 10 / p.Total;
                if (tenth > lastTenth)
                {
                    lastTenth = tenth;
                    output.WriteLine(line(p, tenth));
                }
            }
        });
    }
}
