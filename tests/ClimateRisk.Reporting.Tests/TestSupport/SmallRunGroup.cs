namespace ClimateRisk.Reporting.Tests.TestSupport;

/// <summary>The test classes that share one <see cref="SmallRun"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SmallRunGroup : ICollectionFixture<SmallRun>
{
    public const string Name = "small run";
}
