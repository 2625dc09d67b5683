using ClimateRisk.Core.Model;

namespace ClimateRisk.Core.Simulation.Internal;

/// <summary>One scenario's drivers by year (index = year − first year) and copula factors.</summary>
internal sealed class ScenarioPlan
{
    public ScenarioPlan(Scenario scenario, ModelInputs inputs, SimulationSettings settings)
    {
        Scenario = scenario;
        _settings = settings;
        var warming = inputs.Warming[scenario.Ssp];
        var seaLevel = inputs.SeaLevel[scenario.Ssp];
        const int T0 = SimulationSettings.BaseYear;
        GsatMedian0 = warming.MedianC.At(T0);
        GsatSigma0 = warming.SigmaC(T0);
        var years = settings.YearCount;
        GsatMedian = new double[years];
        GsatSigma = new double[years];
        SlrMedianDelta = new double[years];
        SlrSigmaDelta = new double[years];
        CarbonPrice = new double[years];
        Coverage = new double[years];
        Escalation = new double[years];
        Premium = new double[years];
        Discount = new double[years];
        for (var i = 0; i < years; i++)
        {
            var year = settings.FirstYear + i;
            GsatMedian[i] = warming.MedianC.At(year);
            GsatSigma[i] = warming.SigmaC(year);
            SlrMedianDelta[i] = seaLevel.MedianM.At(year) - seaLevel.MedianM.At(T0);
            SlrSigmaDelta[i] = seaLevel.SigmaM(year) - seaLevel.SigmaM(T0);
            CarbonPrice[i] = scenario.CarbonPriceCnyPerT.At(year);
            Coverage[i] = scenario.CarbonCoverage.At(year);
            Escalation[i] = scenario.ElectricityEscalation.At(year);
            Premium[i] = scenario.RenewablePremiumCnyPerMwh.At(year);
            Discount[i] = Math.Pow(1 + scenario.DiscountRate, -(year - settings.FirstYear));
        }

        foreach (var grid in inputs.Sites.Select(s => s.Grid).Distinct(StringComparer.Ordinal))
        {
            _gridMultiplier[grid] = GridPath(scenario, grid, settings);
        }

        // Each peril's copula covers only the sites exposed to it: the joint distribution of
        // those sites is the same, and unexposed sites cost no draws.
        var lengths = scenario.CorrelationLengthsKm;
        Heat = new Copula(inputs.Sites, _ => true, lengths.HeatKm);
        Flood = new Copula(inputs.Sites, s => s.Flood is not null, lengths.FloodKm);
        Surge = new Copula(inputs.Sites, s => s.Surge is not null, lengths.SurgeKm);
        Wind = new Copula(inputs.Sites, s => s.Wind is not null, lengths.WindKm);
    }

    private readonly SimulationSettings _settings;

    public Scenario Scenario { get; }

    public double GsatMedian0 { get; }

    public double GsatSigma0 { get; }

    public double[] GsatMedian { get; }

    public double[] GsatSigma { get; }

    /// <summary>median(t) − median(t0) of sea level, m.</summary>
    public double[] SlrMedianDelta { get; }

    /// <summary>σ_sl(t) − σ_sl(t0), m: the path's SLR change is SlrMedianDelta + z·SlrSigmaDelta.</summary>
    public double[] SlrSigmaDelta { get; }

    public double[] CarbonPrice { get; }

    public double[] Coverage { get; }

    public double[] Escalation { get; }

    public double[] Premium { get; }

    private readonly Dictionary<string, double[]> _gridMultiplier = new(StringComparer.Ordinal);

    /// <summary>
    /// The grid-factor multiplier by year for <paramref name="grid"/>: (1 − r_k)^(t − t0) or the
    /// scenario's year-keyed index (<see cref="Scenario.GridFactorMultiplier"/>). Precomputed for
    /// the grids of the plan's sites; another grid (a site added later) is computed on demand.
    /// </summary>
    public double[] GridMultiplier(string grid)
        => _gridMultiplier.TryGetValue(grid, out var path) ? path : GridPath(Scenario, grid, _settings);

    private static double[] GridPath(Scenario scenario, string grid, SimulationSettings settings)
    {
        var path = new double[settings.YearCount];
        for (var i = 0; i < path.Length; i++)
        {
            path[i] = scenario.GridFactorMultiplier(grid, settings.FirstYear + i);
        }

        return path;
    }

    /// <summary>(1 + r)^−(t − first year).</summary>
    public double[] Discount { get; }

    public Copula Heat { get; }

    public Copula Flood { get; }

    public Copula Surge { get; }

    public Copula Wind { get; }
}
