using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Statistics;

namespace ClimateRisk.Core.Finance;

/// <summary>
/// Completes the per-path financial effects of a run (MODEL §15): adds the insurance premium
/// change to the net OpEx and EBITDA and sets each effect against its baseline.
/// </summary>
/// <remarks>
/// The premium of a site at the renewal of year t follows the expected insured loss (EIL) the
/// insurer sees L years earlier, averaged over a window of W years (<see cref="PremiumChange"/>),
/// with EIL(y) the mean over paths of the year's recoveries (insured_property_cny + insured_bi_cny). It is a property of the scenario, not of a path, so
/// it is the same on every path: adding it after the reduction shifts the mean and every
/// quantile by ΔP and leaves the s.e. as it is; and because it is computed from the (merged)
/// means, shards merged give what one run gives, to the rounding of the merged means.
/// </remarks>
public static class FinancialEffects
{
    /// <summary>Items in file order.</summary>
    public static IReadOnlyList<FinancialItem> Items { get; } = [FinancialItem.Opex, FinancialItem.Capex, FinancialItem.Revenue, FinancialItem.Ebitda];

    /// <summary>Bases in file order.</summary>
    public static IReadOnlyList<FinancialBasis> Bases { get; } = [FinancialBasis.Gross, FinancialBasis.Net];

    /// <summary>The file name of an item (<c>opex</c>, <c>capex</c>, <c>revenue</c>, <c>ebitda</c>).</summary>
    public static string Name(this FinancialItem item) => item switch
    {
        FinancialItem.Opex => "opex",
        FinancialItem.Capex => "capex",
        FinancialItem.Revenue => "revenue",
        _ => "ebitda",
    };

    /// <summary>The file name of a basis (<c>gross</c>, <c>net</c>).</summary>
    public static string Name(this FinancialBasis basis) => basis == FinancialBasis.Gross ? "gross" : "net";

    /// <summary>
    /// Years of expected insured loss an insurer averages when it prices a renewal (an
    /// experience / catastrophe-model window): five, which also keeps the Monte Carlo noise of
    /// one year's mean out of the premium (its s.e. falls by √5).
    /// </summary>
    public const int ExperienceWindowYears = 5;

    /// <summary>
    /// ΔP(t) of <paramref name="terms"/> for the years of <paramref name="expectedInsuredLossCny"/>
    /// (EIL by year, first simulated year first), CNY per year:
    /// ΔP(t) = (1 + λ)·(mean EIL over [t − L − W + 1, t − L] − mean EIL over [t₀, t₀ + W − 1])
    /// once the window lies in the simulated years, else 0 (W = <see cref="ExperienceWindowYears"/>):
    /// today's premium prices the first W years, each renewal the W years seen L years earlier.
    /// </summary>
    public static double[] PremiumChange(InsuranceTerms terms, ReadOnlySpan<double> expectedInsuredLossCny)
    {
        ArgumentNullException.ThrowIfNull(terms);
        const int w = ExperienceWindowYears;
        var years = expectedInsuredLossCny.Length;
        var change = new double[years];
        if (years < w)
        {
            return change;
        }

        var reference = Mean(expectedInsuredLossCny[..w]);
        for (var t = terms.PremiumLagYears + w - 1; t < years; t++)
        {
            var last = t - terms.PremiumLagYears;
            change[t] = (1 + terms.PremiumLoading) * (Mean(expectedInsuredLossCny[(last - w + 1)..(last + 1)]) - reference);
        }

        return change;
    }

    /// <summary>
    /// The rows of results/financial_effects.csv from the raw per-path summaries
    /// <paramref name="raw"/> (without premium change; year null for the NPV) and the cells of
    /// the same run.
    /// </summary>
    public static IReadOnlyList<FinancialEffect> Build(
        SimulationSettings settings,
        IReadOnlyList<string> siteIds,
        IReadOnlyList<CellResult> cells,
        IEnumerable<(string ScenarioId, string EntityId, int? Year, FinancialItem Item, FinancialBasis Basis, CellStatistics Statistics)> raw,
        FinancialContext context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(siteIds);
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(context);
        var years = settings.YearCount;
        var insured = new Dictionary<(string, string, int), double>();
        foreach (var c in cells)
        {
            if (c.Metric is Metric.InsuredPropertyCny or Metric.InsuredBiCny)
            {
                insured[(c.ScenarioId, c.EntityId, c.Year)] = insured.GetValueOrDefault((c.ScenarioId, c.EntityId, c.Year)) + c.Statistics.Mean;
            }
        }

        var premium = new Dictionary<(string Scenario, string Entity), double[]>();
        double[] Premium(string scenario, string entity)
        {
            if (premium.TryGetValue((scenario, entity), out var known))
            {
                return known;
            }

            var change = new double[years];
            if (entity == SimulationResult.PortfolioId)
            {
                foreach (var site in siteIds)
                {
                    var s = Premium(scenario, site);
                    for (var t = 0; t < years; t++)
                    {
                        change[t] += s[t];
                    }
                }
            }
            else if (context.Terms.Insurance.TryGetValue(entity, out var terms))
            {
                var eil = new double[years];
                for (var t = 0; t < years; t++)
                {
                    eil[t] = insured.GetValueOrDefault((scenario, entity, settings.FirstYear + t));
                }

                change = PremiumChange(terms, eil);
            }

            premium[(scenario, entity)] = change;
            return change;
        }

        var rows = new List<FinancialEffect>();
        foreach (var r in raw)
        {
            var rate = context.DiscountRates.GetValueOrDefault(r.ScenarioId, double.NaN);
            var statistics = r.Statistics;
            if (r.Basis == FinancialBasis.Net && r.Item is FinancialItem.Opex or FinancialItem.Ebitda)
            {
                var change = Premium(r.ScenarioId, r.EntityId);
                var shift = r.Year is { } year ? change[year - settings.FirstYear] : Discounted(change, rate);
                statistics = Shift(statistics, shift);
            }

            var annual = Baseline(context.Terms, siteIds, r.EntityId, r.Item);
            var baseline = r.Year is null ? annual * DiscountedYears(years, rate) : annual;
            rows.Add(new FinancialEffect(r.ScenarioId, r.EntityId, r.Year, r.Item, r.Basis, statistics, baseline));
        }

        return rows;
    }

    /// <summary>The annual baseline of an item: revenue for revenue, EBITDA otherwise; the sum of the sites' for the portfolio; NaN when a site has none.</summary>
    private static double Baseline(FinanceTerms terms, IReadOnlyList<string> siteIds, string entity, FinancialItem item)
    {
        IEnumerable<string> sites = entity == SimulationResult.PortfolioId ? siteIds : [entity];
        var sum = 0.0;
        foreach (var site in sites)
        {
            if (!terms.Baselines.TryGetValue(site, out var baseline))
            {
                return double.NaN;
            }

            sum += item == FinancialItem.Revenue ? baseline.RevenueCny : baseline.EbitdaCny;
        }

        return sum;
    }

    private static double Mean(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var v in values)
        {
            sum += v;
        }

        return sum / values.Length;
    }

    private static double Discounted(double[] perYear, double rate)
    {
        var sum = 0.0;
        for (var t = 0; t < perYear.Length; t++)
        {
            sum += perYear[t] * Math.Pow(1 + rate, -t);
        }

        return sum;
    }

    private static double DiscountedYears(int years, double rate)
    {
        var sum = 0.0;
        for (var t = 0; t < years; t++)
        {
            sum += Math.Pow(1 + rate, -t);
        }

        return sum;
    }

    /// <summary>The statistics of X + c for a constant c: location moves, spread stays.</summary>
    private static CellStatistics Shift(CellStatistics s, double c) => c == 0 ? s : s with
    {
        Mean = s.Mean + c,
        P5 = s.P5 + c,
        P25 = s.P25 + c,
        P50 = s.P50 + c,
        P75 = s.P75 + c,
        P95 = s.P95 + c,
        P99 = s.P99 + c,
        TVaR99 = s.TVaR99 + c,
    };
}
