namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>Per-thread work space of the kernel, allocated once per thread and year, never per path.</summary>
internal sealed class KernelScratch(int sites)
{
    public double[] Independent { get; } = new double[sites];

    public double[] Heat { get; } = new double[sites];

    public double[] Flood { get; } = new double[sites];

    public double[] Surge { get; } = new double[sites];

    public double[] Wind { get; } = new double[sites];
}
