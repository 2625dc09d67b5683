using ClimateRisk.Core.Climate;
using ClimateRisk.Core.Model;

namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>The Gaussian copula of one peril over the sites exposed to it (MODEL §2).</summary>
internal sealed class Copula
{
    public Copula(IReadOnlyList<Site> sites, Func<Site, bool> exposed, double lengthKm)
    {
        Members = Enumerable.Range(0, sites.Count).Where(i => exposed(sites[i])).ToArray();
        Factor = Members.Length > 0 ? SiteCorrelation.CholeskyFactor(Members.Select(i => sites[i]).ToArray(), lengthKm) : [];
    }

    /// <summary>Indices (into the run's sites) of the exposed sites, in site order.</summary>
    public int[] Members { get; }

    /// <summary>Lower Cholesky factor over the members, row-major.</summary>
    public double[] Factor { get; }
}
