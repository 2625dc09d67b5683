using ClimateRisk.Core.Simulation;
using ClimateRisk.Pipeline;
using Spectre.Console;

namespace ClimateRisk.Cli.Internal;

/// <summary>Shows a pipeline's status lines on the output and its progress by <see cref="ProgressDisplay"/>.</summary>
internal sealed class ConsoleObserver(IAnsiConsole console, TextWriter output) : IRunObserver
{
    public void Line(string text) => output.WriteLine(text);

    public T Track<T>(string label, Func<IProgress<SimulationProgress>, T> job) => ProgressDisplay.Run(console, output, label, job);
}
