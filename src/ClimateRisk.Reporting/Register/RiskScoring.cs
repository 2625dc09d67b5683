namespace ClimateRisk.Reporting.Register;

/// <summary>
/// The register's scales (MODEL §13): likelihood 1–5 from the annual probability of a material
/// impact, impact 1–5 from the P95 annual impact against the thresholds of
/// data/register/thresholds.csv, rating = likelihood × impact, and the rating bands.
/// </summary>
public static class RiskScoring
{
    /// <summary>Names of the rating bands, lowest first.</summary>
    private static readonly string[] BandNames = ["low", "moderate", "high", "very high"];

    /// <summary>Upper bounds (exclusive) of likelihood scores 1–4: &lt; 1 %, 1–5 %, 5–20 %, 20–50 %; 5 is ≥ 50 %.</summary>
    public static IReadOnlyList<double> LikelihoodBounds { get; } = [0.01, 0.05, 0.20, 0.50];

    /// <summary>Fill colours of the rating bands, lowest first (ColorBrewer YlOrRd: lightness falls with the rating, so it reads in grey).</summary>
    internal static IReadOnlyList<string> BandColours { get; } = ["#ffffb2", "#fecc5c", "#fd8d3c", "#e31a1c"];

    /// <summary>Likelihood score of an annual probability: 1 below the first of <see cref="LikelihoodBounds"/>, one more from each bound.</summary>
    public static int Likelihood(double probability) => Impact(probability, LikelihoodBounds);

    /// <summary>Impact score of a P95 annual impact: 1 below the impact-2 bound, up to 5 from the impact-5 bound.</summary>
    /// <param name="p95">P95 annual impact, in the thresholds' unit.</param>
    /// <param name="impactBounds">Lower bounds of scores 2, 3, 4 and 5.</param>
    public static int Impact(double p95, IReadOnlyList<double> impactBounds)
    {
        ArgumentNullException.ThrowIfNull(impactBounds);
        if (double.IsNaN(p95))
        {
            return 1;
        }

        var score = 1;
        foreach (var bound in impactBounds)
        {
            if (p95 >= bound)
            {
                score++;
            }
        }

        return score;
    }

    /// <summary>The band of a rating: low (1–4), moderate (5–9), high (10–16), very high (20–25).</summary>
    public static string Band(int rating) => BandNames[BandIndex(rating)];

    /// <summary>Fill colour of a rating band (ColorBrewer YlOrRd: lightness falls with the rating, so it reads in grey).</summary>
    public static string BandColour(int rating) => BandColours[BandIndex(rating)];

    /// <summary>Text colour on <see cref="BandColour"/>: white on the darkest band.</summary>
    public static string BandTextColour(int rating) => BandIndex(rating) == BandColours.Count - 1 ? "#ffffff" : "#222222";

    /// <summary>The band of a rating, 0–3: low (1–4), moderate (5–9), high (10–16), very high (20–25).</summary>
    internal static int BandIndex(int rating) => rating >= 20 ? 3 : rating >= 10 ? 2 : rating >= 5 ? 1 : 0;
}
