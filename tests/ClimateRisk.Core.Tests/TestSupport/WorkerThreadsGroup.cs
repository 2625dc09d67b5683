namespace ClimateRisk.Core.Tests.TestSupport;

/// <summary>
/// The test classes of the run's worker threads (<c>ItemQueue</c>, <c>WorkerGang</c>): run on
/// their own, after the others, so no simulation in another test holds the process-wide gang and
/// every phase here goes through it rather than falling back to <c>Parallel.For</c>.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkerThreadsGroup
{
    public const string Name = "worker threads";
}
