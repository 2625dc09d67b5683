using ClimateRisk.Core.Climate;
using ClimateRisk.Core.Tests.TestSupport;

namespace ClimateRisk.Core.Tests.Climate;

public class SiteCorrelationTests
{
    [Fact]
    public void Great_circle_distance_matches_closed_forms_on_the_sphere()
    {
        var quarter = Math.PI * SiteCorrelation.EarthRadiusKm / 2;
        SiteCorrelation.GreatCircleKm(0, 0, 0, 90).Should().BeApproximately(quarter, 1e-9);
        SiteCorrelation.GreatCircleKm(0, 0, 90, 0).Should().BeApproximately(quarter, 1e-9);
        SiteCorrelation.GreatCircleKm(10, 20, 10, 20).Should().Be(0);
        // One degree of latitude along a meridian: πR/180.
        SiteCorrelation.GreatCircleKm(39, 116, 40, 116).Should().BeApproximately(Math.PI * SiteCorrelation.EarthRadiusKm / 180, 1e-9);
    }

    [Fact]
    public void Cholesky_factor_reproduces_the_exponential_correlation_matrix()
    {
        var sites = new[]
        {
            SyntheticInputs.Site("a", 39.8, 116.5),
            SyntheticInputs.Site("b", 39.4, 117.0),
            SyntheticInputs.Site("c", 31.2, 121.5),
            SyntheticInputs.Site("d", 41.0, 113.1),
        };
        const double L = 250;
        var factor = SiteCorrelation.CholeskyFactor(sites, L);
        for (var i = 0; i < 4; i++)
        {
            for (var j = 0; j < 4; j++)
            {
                var product = 0.0;
                for (var k = 0; k < 4; k++)
                {
                    product += factor[(i * 4) + k] * factor[(j * 4) + k];
                }

                var expected = i == j ? 1 : Math.Exp(-SiteCorrelation.GreatCircleKm(sites[i].Latitude, sites[i].Longitude, sites[j].Latitude, sites[j].Longitude) / L);
                product.Should().BeApproximately(expected, 1e-12);
            }
        }
    }

    [Fact]
    public void Two_sites_at_the_same_place_still_factor()
    {
        var sites = new[] { SyntheticInputs.Site("a"), SyntheticInputs.Site("b") };
        var factor = SiteCorrelation.CholeskyFactor(sites, 100);
        factor.Should().AllSatisfy(v => double.IsFinite(v).Should().BeTrue());
        factor[2].Should().BeApproximately(1, 1e-6);
    }
}
