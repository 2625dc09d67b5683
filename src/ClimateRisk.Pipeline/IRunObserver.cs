using ClimateRisk.Core.Simulation;

namespace ClimateRisk.Pipeline;

/// <summary>
/// What a pipeline tells the person waiting for it: status lines and the progress of long
/// jobs. The command line shows them on the terminal (progress bar) or as plain lines; tests
/// collect them.
/// </summary>
public interface IRunObserver
{
    /// <summary>A status line, e.g. what is about to be simulated.</summary>
    void Line(string text);

    /// <summary>Runs <paramref name="job"/>, showing its progress under <paramref name="label"/>.</summary>
    T Track<T>(string label, Func<IProgress<SimulationProgress>, T> job);
}
