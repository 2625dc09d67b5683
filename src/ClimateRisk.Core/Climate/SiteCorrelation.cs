using ClimateRisk.Core.Model;
using MathNet.Numerics.LinearAlgebra;

namespace ClimateRisk.Core.Climate;

/// <summary>
/// The Gaussian copula across sites: ρ_ij = exp(−d_ij / L), d = great-circle distance (MODEL §2).
/// </summary>
public static class SiteCorrelation
{
    /// <summary>Mean Earth radius (IUGG), km.</summary>
    public const double EarthRadiusKm = 6371.0088;

    /// <summary>Great-circle distance by the haversine formula, km.</summary>
    public static double GreatCircleKm(double lat1, double lon1, double lat2, double lon2)
    {
        const double Rad = Math.PI / 180.0;
        var dLat = (lat2 - lat1) * Rad;
        var dLon = (lon2 - lon1) * Rad;
        var a = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2))
            + (Math.Cos(lat1 * Rad) * Math.Cos(lat2 * Rad) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1.0, Math.Sqrt(a)));
    }

    /// <summary>The correlation matrix of <paramref name="sites"/> for correlation length <paramref name="lengthKm"/>.</summary>
    public static double[,] Matrix(IReadOnlyList<Site> sites, double lengthKm)
    {
        ArgumentNullException.ThrowIfNull(sites);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lengthKm);
        var n = sites.Count;
        var rho = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                rho[i, j] = i == j
                    ? 1.0
                    : Math.Exp(-GreatCircleKm(sites[i].Latitude, sites[i].Longitude, sites[j].Latitude, sites[j].Longitude) / lengthKm);
            }
        }

        return rho;
    }

    /// <summary>
    /// Lower Cholesky factor of the correlation matrix, row-major n×n. Two sites at the same
    /// place give a singular matrix; a 1e-9 diagonal jitter then keeps the factor defined
    /// (changing correlations by at most 1e-9).
    /// </summary>
    public static double[] CholeskyFactor(IReadOnlyList<Site> sites, double lengthKm)
    {
        var rho = Matrix(sites, lengthKm);
        var n = sites.Count;
        var m = Matrix<double>.Build.DenseOfArray(rho);
        Matrix<double> factor;
        try
        {
            factor = m.Cholesky().Factor;
        }
        catch (ArgumentException)
        {
            factor = (m + (Matrix<double>.Build.DenseIdentity(n) * 1e-9)).Cholesky().Factor;
        }

        var flat = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                flat[(i * n) + j] = factor[i, j];
            }
        }

        return flat;
    }
}
