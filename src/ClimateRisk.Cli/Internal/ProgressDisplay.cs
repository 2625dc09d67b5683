using ClimateRisk.Core.Simulation;
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

        var lastTenth = 0;
        var gate = new object();
        return job(new CallbackProgress<SimulationProgress>(p =>
        {
            lock (gate)
            {
                var tenth = p.Done * 10 / p.Total;
                if (tenth > lastTenth)
                {
                    lastTenth = tenth;
                    output.WriteLine($"  [{tenth * 10,3}%] {label}: {p.Done}/{p.Total} ({p.ScenarioId})");
                }
            }
        }));
    }
}
