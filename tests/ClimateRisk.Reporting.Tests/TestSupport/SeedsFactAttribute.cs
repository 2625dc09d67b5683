namespace ClimateRisk.Reporting.Tests.TestSupport;

/// <summary>A fact that needs the operators' reports (shared/seeds beside the repository); skipped, saying so, without them.</summary>
public sealed class SeedsFactAttribute : FactAttribute
{
    public SeedsFactAttribute()
    {
        if (Repo.SeedsDirectory is null)
        {
            Skip = "shared/seeds (the operators' ESG reports) not found beside the repository: cannot check the quoted controls against their sources";
        }
    }
}
