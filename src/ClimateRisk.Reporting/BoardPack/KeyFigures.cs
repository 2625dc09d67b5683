using ClimateRisk.Core.Simulation;
using ClimateRisk.Reporting.Internal;
using ClimateRisk.Reporting.Register;

namespace ClimateRisk.Reporting.BoardPack;

/// <summary>
/// The five numbers a board asks for, computed from the results and the register:
/// what climate change costs us a year (long horizon), what it costs over the plan (NPV), how
/// bad a bad year gets (1-in-100 physical loss), which risk rates highest, and how many sites
/// are expected above their PUE limits (short horizon; assumed limits said so).
/// </summary>
public static class KeyFigures
{
    /// <summary>The return period of the tail figure, years.</summary>
    public const double TailReturnPeriod = 100;

    /// <summary>Computes the five figures.</summary>
    public static IReadOnlyList<KeyFigure> Compute(ReportData data, RiskRegister register)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(register);
        var index = data.Index;
        var scenarios = data.Result.ScenarioIds;
        var settings = data.Result.Settings;
        const string p = SimulationResult.PortfolioId;
        var year = index.LongHorizon;

        var annual = scenarios.Select(s => (Scenario: s, Value: index.Cell(s, p, year, Metric.TotalClimateCostCny).Mean)).ToArray();
        var npv = scenarios.Select(s => (Scenario: s, Value: index.Npv(s, p).Mean)).ToArray();
        var figures = new List<KeyFigure>
        {
            new(
                $"What does climate change cost us a year by {Format.Int(year)}?",
                RangeMoney(annual.Select(a => a.Value)),
                $"Expected total climate cost of the portfolio in {Format.Int(year)}: highest under {data.ScenarioName(Max(annual))}, lowest under {data.ScenarioName(Min(annual))}."),
            new(
                $"What is it worth over {Format.Int(settings.FirstYear)}–{Format.Int(settings.LastYear)}?",
                RangeMoney(npv.Select(a => a.Value)),
                $"Net present value of the expected total climate cost, discounted at each scenario's rate; highest under {data.ScenarioName(Max(npv))}."),
        };

        var tail = scenarios.Select(s => (Scenario: s, Value: TailLoss(index, s, year))).ToArray();
        var threshold = data.Threshold(Metric.PhysicalLossCny, portfolio: true);
        var worstTail = Max(tail);
        var tailValue = tail.Max(t => t.Value);
        var returnPeriod = index.Curve(worstTail, p, year, "AEP").Select(x => x.ReturnPeriodY).OrderBy(r => Math.Abs(r - TailReturnPeriod)).FirstOrDefault(TailReturnPeriod);
        figures.Add(new(
            $"How bad is a {Format.ReturnPeriod(returnPeriod)}-year?",
            Format.MoneyShort(tailValue),
            $"Portfolio physical loss exceeded once in {Format.Whole(returnPeriod)} years in {Format.Int(year)} (annual aggregate), under {data.ScenarioName(worstTail)}"
                + (threshold is null ? "." : $"; materiality is {Format.Money(threshold.Materiality)}.")));

        var topRows = RegisterMarkdownWriter.Top(register, 1);
        var top = topRows.Count > 0 ? topRows[0] : null;
        figures.Add(top is null
            ? new("Which risk rates highest?", "–", "No exposed risk in the register.")
            : new(
                "Which risk rates highest?",
                top.Risk.ShortName,
                $"{top.Risk.Name}: rated {Format.Int(top.MaxRating)} of 25 ({RiskScoring.Band(top.MaxRating)}) at {top.EntityName} ({top.RiskId}), {top.Horizon} term, under {data.ScenarioName(top.WorstScenario)}."));

        var shortYear = index.ShortHorizon;
        var breaches = data.Sites
            .Select(site => (Site: site, Rule: data.LimitInForce(site, shortYear), P: scenarios.Select(s => index.Cell(s, site.Id, shortYear, Metric.Pue).PExceed).Where(x => !double.IsNaN(x)).DefaultIfEmpty(0).Max()))
            .Where(b => b.Rule is not null)
            .OrderByDescending(b => b.P)
            .ToArray();
        var likely = breaches.Where(b => b.P >= 0.5).ToArray();
        var assumed = likely.Count(b => data.IsAssumption(b.Rule!));
        var named = breaches.Take(1).Select(b => $"{b.Site.Name}, {Format.Percent(b.P)} (limit {Format.Pue(b.Rule!.LimitPue)}{(data.IsAssumption(b.Rule!) ? ", an assumed limit" : string.Empty)})");
        var assumedText = assumed == 0 ? string.Empty : assumed == likely.Length
            ? (likely.Length == 1 ? " Its limit is an assumption, not a published rule." : " All these limits are assumptions, not published rules.")
            : $" {Format.Int(assumed)} of these {Format.Int(likely.Length)} limits are assumptions, not published rules.";
        figures.Add(new(
            $"How many sites are expected above their {Format.Int(shortYear)} PUE limit?",
            $"{Format.Int(likely.Length)} of {Format.Int(data.Sites.Count)} sites",
            breaches.Length == 0
                ? "No site has a PUE limit in force."
                : (likely.Length > 0 ? "Above the limit in force with P ≥ 50 % in some scenario; highest: " : "None is likely above its limit (P < 50 % in every scenario); highest probability: ") + string.Join("; ", named) + "." + assumedText));
        return figures;
    }

    private static double TailLoss(ResultIndex index, string scenario, int year)
    {
        var curve = index.Curve(scenario, SimulationResult.PortfolioId, year, "AEP");
        return curve.Count == 0 ? double.NaN : curve.OrderBy(x => Math.Abs(x.ReturnPeriodY - TailReturnPeriod)).First().LossCny;
    }

    private static string Max(IEnumerable<(string Scenario, double Value)> values) => values.OrderByDescending(v => v.Value).First().Scenario;

    private static string Min(IEnumerable<(string Scenario, double Value)> values) => values.OrderBy(v => v.Value).First().Scenario;

    private static string RangeMoney(IEnumerable<double> values)
    {
        var list = values.ToArray();
        var (lo, hi) = (list.Min(), list.Max());
        return Format.MoneyRangeShort(lo, hi);
    }
}
