namespace ClimateRisk.Reporting.Tests.TestSupport;

/// <summary>The test classes that share one <see cref="BundledRun"/>.</summary>
[CollectionDefinition(Name)]
public sealed class BundledRunGroup : ICollectionFixture<BundledRun>
{
    public const string Name = "bundled run";
}
