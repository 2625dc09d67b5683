using System.Globalization;
using System.Text;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Reporting.BoardPack.Internal;
using ClimateRisk.Reporting.Charts;
using ClimateRisk.Reporting.Internal;
using ClimateRisk.Reporting.Register;
using ClimateRisk.Reporting.Svg;
using ClimateRisk.Reporting.Svg.Internal;
using static ClimateRisk.Reporting.BoardPack.Internal.Html;

namespace ClimateRisk.Reporting.BoardPack;

/// <summary>
/// Writes <c>board-pack.html</c>: one self-contained file (inline SVG and CSS with the embedded
/// font, no scripts, no network), printable on A4 landscape, organised as ISSB IFRS S2 asks — an
/// executive summary with the five headline numbers and the headline chart; strategy (scenario
/// analysis and resilience); risk management (the register); metrics and targets (PUE against
/// targets and limits, emissions, carbon cost); one page per site; an appendix with the method
/// and the run manifest. The numbers and sentences come from <see cref="BoardPackModel"/>; this
/// class only lays them out. Scenario texts, data sources and input hashes are in
/// <see cref="SourcesWriter"/>'s <c>sources.html</c>.
/// </summary>
public static class BoardPackWriter
{
    /// <summary>Writes the board pack.</summary>
    /// <param name="data">Results and inputs.</param>
    /// <param name="register">The scored register.</param>
    /// <param name="charts">The charts by file stem (those of <see cref="ReportBuilder"/>).</param>
    /// <param name="writer">Where to write (UTF-8, LF).</param>
    public static void Write(ReportData data, RiskRegister register, IReadOnlyDictionary<string, ChartDocument> charts, TextWriter writer)
        => Write(data, register, BoardPackModel.Build(data, register), charts, writer);

    /// <summary>Writes the board pack of a model already built.</summary>
    public static void Write(ReportData data, RiskRegister register, BoardPackModel model, IReadOnlyDictionary<string, ChartDocument> charts, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(charts);
        ArgumentNullException.ThrowIfNull(writer);
        var pack = new Builder(data, register, model, charts);
        writer.Write(pack.Build());
    }

    private sealed class Builder(ReportData data, RiskRegister register, BoardPackModel model, IReadOnlyDictionary<string, ChartDocument> charts)
    {
        private readonly StringBuilder _html = new();
        private readonly Dictionary<string, int> _shown = new(StringComparer.Ordinal);
        private readonly IReadOnlyList<string> _scenarios = data.Result.ScenarioIds;
        private readonly string _portfolioName = model.PortfolioName;

        private int LongYear => model.LongYear;

        public string Build()
        {
            Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
            Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
            Append($"<title>Climate risk board pack — {E(_portfolioName)}</title>\n<style>\n{PackStyle.Css}</style>\n</head>\n<body>\n");
            Summary();
            StrategyScenarios();
            StrategyFinancialEffects();
            StrategyPhysical();
            StrategyDrivers();
            RiskManagementHeatMaps();
            RiskManagementRegister();
            MetricsPue();
            MetricsEmissions();
            foreach (var page in model.Sites)
            {
                SitePage(page);
            }

            AppendixAssumptions();
            Append("</body>\n</html>\n");
            return _html.ToString();
        }

        private void Summary()
        {
            var settings = data.Result.Settings;
            Open("summary", "Executive summary", string.Empty);
            Append("<h1>Climate risk board pack</h1>\n");
            Append($"<p class=\"lead\">{Format.Int(data.Sites.Count)} data centres · {Format.Int(_scenarios.Count)} climate scenarios · {Format.Int(settings.FirstYear)}–{Format.Int(settings.LastYear)} · "
                + "organised as ISSB IFRS S2 asks: strategy, risk management, metrics and targets.</p>\n");
            Append($"<p class=\"meta\">Run of {E(Date(data.Manifest.FinishedUtc))} · {Format.Whole(settings.Paths)} Monte Carlo paths per scenario · seed {data.Manifest.Seed.ToString(CultureInfo.InvariantCulture)} · {E(data.Manifest.Tool)} · money in real 2023 CNY</p>\n");
            Append("<div class=\"kpis\">\n");
            foreach (var figure in model.KeyFigures)
            {
                var size = figure.Value.Length > 16 ? "v text" : "v";
                Append($"<div class=\"kpi\"><div class=\"q\">{E(figure.Question)}</div><div class=\"{size}\">{E(figure.Value)}</div><div class=\"d\">{E(figure.Detail)}</div></div>\n");
            }

            Append("</div>\n");
            Figure(CostComponentsChart.FileStem, "full headline", string.Empty);
            Append("<h3>What the numbers say <span class=\"note\">(expected = mean over the simulated paths; scenarios are plausible futures, not forecasts)</span></h3>\n<ul class=\"messages\">\n");
            foreach (var message in model.Messages)
            {
                Append($"<li>{E(message)}</li>\n");
            }

            Append("</ul>\n");
            Close();
        }

        private void Glance()
        {
            var settings = data.Result.Settings;
            Append($"<h3>Scenarios at a glance, {Format.Int(LongYear)} (portfolio, expected values unless stated; CNY m)</h3>\n");
            var rows = model.Glance.Select(g => (IReadOnlyList<string>)
            [
                E(g.Name),
                E(g.Ssp ?? "–"),
                Format.Millions(g.TotalCny),
                Format.Millions(g.PhysicalLossCny),
                Format.Millions(g.ClimateEnergyCostCny),
                Format.Millions(g.CarbonCostCny),
                Format.Millions(g.PueSurchargeCny),
                Format.Millions(g.RenewablePremiumCny),
                Format.Millions(g.TotalP95Cny),
                Format.Millions(g.NpvCny),
            ]);
            Append(Table(
                ["Scenario", "Warming pathway", "Total climate cost", "Physical loss", "Climate energy cost", "Carbon cost", "PUE surcharge", "Green-power premium", "Total, P95", $"NPV {Format.Int(settings.FirstYear)}–{Format.Int(settings.LastYear)}"],
                rows,
                "glance",
                [false, false, true, true, true, true, true, true, true, true]));
            if (model.ConvergenceNote is { } note)
            {
                Append($"<p class=\"note\">{E(note)}</p>\n");
            }
        }

        private void StrategyScenarios()
        {
            Open("strategy", "Strategy — scenario analysis", "Scenario analysis: what climate change costs the portfolio");
            Append("<p>Each scenario pairs a physical pathway (AR6 SSP warming and sea level) with a transition pathway (carbon price and coverage, grid decarbonisation, "
                + "electricity price, green-power premium); their descriptions and sources are in sources.html. All scenarios see the same random draws, so differences between them are not sampling noise.</p>\n");
            Glance();
            Figure(CostDistributionChart.FileStem, "full capped", model.Resilience);
            Close();
        }

        private void StrategyFinancialEffects()
        {
            var body = FinancialEffectsSection.Html(model.FinancialEffects);
            if (body.Length > 0)
            {
                Open("strategy-financial", "Strategy — anticipated financial effects", "Anticipated financial effects (IFRS S2)");
                Append(body);
                Close();
            }
        }

        private void StrategyPhysical()
        {
            Open("strategy-physical", "Strategy — resilience to physical risk", "Physical risk of the portfolio");
            Figure(ExceedanceChart.FileStem(SimulationResult.PortfolioId, LongYear), "full", string.Empty);
            Figure(PerilLossChart.FileStem(SimulationResult.PortfolioId), "full", string.Empty);
            Close();
        }

        /// <summary>What drives the range: one generated sentence per scenario and the tornado charts (results/sensitivity.csv); absent when the run has no indices.</summary>
        private void StrategyDrivers()
        {
            if (model.Drivers is not { } drivers)
            {
                return;
            }

            Open("strategy-drivers", "Strategy — what drives the range", "What drives the spread of the portfolio's climate cost");
            Append("<p>Which uncertainty matters: the share of the variance of the portfolio's NPV of total climate cost that each group of uncertain drivers explains alone (first-order Sobol index) "
                + "and together with the others (total index), estimated by a pick-freeze design on the run's own paths (docs/model.md, \"Sensitivity\"). "
                + "Every site, horizon and index with its standard error is in <code>results/sensitivity.csv</code>.</p>\n<ul>\n");
            foreach (var sentence in drivers.Sentences)
            {
                Append($"<li>{E(sentence)}</li>\n");
            }

            Append("</ul>\n");

            // One grid per pair of charts: a print page breaks between grids, so the first pair
            // shares the page with the sentences instead of the whole grid moving to the next.
            foreach (var pair in drivers.Scenarios.Chunk(2))
            {
                Append("<div class=\"two\">\n");
                foreach (var scenario in pair)
                {
                    Figure(TornadoChart.FileStem(scenario), "half tornado", string.Empty);
                }

                Append("</div>\n");
            }

            Close();
        }

        private void RiskManagementHeatMaps()
        {
            Open("risk-management", "Risk management", "Risk register: likelihood and impact");
            Append("<p>Every site and the portfolio are scored for nine climate risks under every scenario (MODEL §13): likelihood from the annual probability of a material impact, "
                + "impact from the P95 annual cost against the materiality thresholds, rating = likelihood × impact. The controls in force are quoted from the operators' own disclosures. "
                + "The full register is in <code>register/risk_register.xlsx</code> (also CSV and Markdown).</p>\n");
            Append("<div class=\"two\">\n");
            foreach (var (scenario, caption) in model.HeatMaps)
            {
                Figure(RiskHeatMap.FileStem(scenario), "half", caption);
            }

            Append("</div>\n");
            Append($"<p class=\"note key\">{E(model.HeatMapKey)}</p>\n");
            Close();
        }

        private void RiskManagementRegister()
        {
            Open("risk-register", "Risk management", "Highest-rated risks and the controls in force");
            var rows = model.RegisterTop.Select(r =>
            {
                var worst = r.Score(r.WorstScenario);
                return (IReadOnlyList<string>)
                [
                    E(r.RiskId),
                    E(r.EntityName),
                    E(r.Risk.Name) + "<br><span class=\"note\">" + E(r.Risk.Category) + "</span>",
                    $"{E(r.Horizon)} ({Format.Int(r.HorizonYear)})",
                    Rating(r.MaxRating) + "<br><span class=\"note\">" + E(data.ScenarioName(r.WorstScenario)) + "</span>",
                    Format.Millions(worst.MeanCny) + (register.IsConverged(r) ? string.Empty : " †"),
                    Format.Millions(worst.P95Cny),
                    Controls(r, 1, 150),
                ];
            });
            Append(Table(["ID", "Site / portfolio", "Risk", "Horizon", "Max rating (scenario)", "Mean, CNY m", "P95, CNY m", "Controls in force (operator's disclosure)"], rows, "small", [false, false, false, false, false, true, true, false]));
            // An apostrophe needs no escape in element content; kept literal so the page reads as before the model split.
            Append($"<p class=\"note\">{E(model.RegisterConvergenceNote).Replace("&#39;", "'", StringComparison.Ordinal)}</p>\n");
            Close();
        }

        private void MetricsPue()
        {
            Open("metrics-pue", "Metrics and targets", "PUE against operator targets and regulatory limits");
            var years = model.Pue.Count == 0 ? [] : model.Pue[0].Years.Select(y => y.Year).ToArray();
            var headers = new List<string> { "Site", "Reported PUE", "Target" };
            foreach (var y in years)
            {
                headers.AddRange([$"Limit {Format.Int(y)}", $"Median PUE {Format.Int(y)}", $"P(PUE &gt; limit) {Format.Int(y)}"]);
            }

            var rows = model.Pue.Select(sp =>
            {
                var site = sp.Site;
                var row = new List<string> { E(site.Name), $"{Format.Pue(site.ReportedPue)} ({Format.Int(site.ReportingYear)})", Format.Pue(site.PueTarget) };
                foreach (var y in sp.Years)
                {
                    row.Add(y.Limit is null ? "none" : Format.Pue(y.Limit.LimitPue) + (y.LimitAssumed ? " *" : string.Empty) + (y.Limit.SurchargeCnyPerKwh > 0 ? " (priced)" : string.Empty));
                    row.Add(RangeFixed(y.Medians, 3));
                    row.Add(y.PExceed.Count == 0 ? "–" : Range(y.PExceed));
                }

                return (IReadOnlyList<string>)row;
            });
            Append(Table(headers, rows, "pue", [false, true, true, .. years.SelectMany(_ => Enumerable.Repeat(true, 3))]));
            Append("<p class=\"note\">* Assumed limit: this project's reading where no published rule for the site was found (its source in data/transition/pue_rules.csv starts with \"assumption\"); not a regulation. Ranges are across scenarios. \"Priced\": a surcharge applies above the limit (Beijing: +0.2 CNY/kWh on the energy above 1.35 from 2026); other limits are reported but not priced "
                + "(data/transition/pue_rules.csv). PUE includes each operator's planned efficiency programme and the climate-driven drift (MODEL §4).</p>\n");
            if (model.PricedPueChart is { } priced)
            {
                Figure(PueFanChart.FileStem(priced.Site), "pue-wide", priced.Caption);
            }

            Close();
        }

        private void MetricsEmissions()
        {
            Open("metrics-emissions", "Metrics and targets", "Emissions and carbon cost");
            Figure(TransitionChart.FileStem(SimulationResult.PortfolioId), "full", string.Empty);
            var horizons = model.Horizons;
            var headers = new List<string> { "Scenario" };
            headers.AddRange(horizons.Select(h => Format.Int(h)));
            headers.AddRange(horizons.Select(h => Format.Int(h)));
            var group = $"<tr><th></th><th class=\"num\" colspan=\"{Format.Int(horizons.Count)}\">Scope 2 market-based, kt CO2 (mean)</th><th class=\"num\" colspan=\"{Format.Int(horizons.Count)}\">Carbon cost, CNY m (mean)</th></tr>";
            var rows = model.Emissions.Select(r => (IReadOnlyList<string>)
            [
                E(r.Name),
                .. r.Scope2MarketT.Select(t => Format.Fixed(t / 1000, 1)),
                .. r.CarbonCostCny.Select(Format.Millions),
            ]);
            Append(Table(headers, rows, "emissions", [false, .. horizons.Select(_ => true), .. horizons.Select(_ => true)], group));
            Append("<p class=\"note\">Targets disclosed by the operators: Kuaishou 100 % renewable electricity at its own data centres by 2030; Kingsoft Cloud carbon neutrality of operations by 2050 "
                + "(data/register/controls.csv). The renewable share of each site follows data/sites.csv.</p>\n");
            Close();
        }

        /// <summary>
        /// One A4 page per site: the PUE fan chart beside the facts and the peril chart (each chart
        /// drawn for a half-page column, <see cref="PueFanChart.Width"/>); the register rows below.
        /// The site's exceedance curves stay in charts/ (its 1-in-100-year loss is one of the facts).
        /// </summary>
        private void SitePage(SitePage page)
        {
            var site = page.Site;
            Open("site-" + site.Id, "Site", site.Name);
            Append("<div class=\"two site-charts\">\n");
            Figure(PueFanChart.FileStem(site.Id), "half", string.Empty);
            Append("<div>\n<div class=\"facts\">\n");
            foreach (var fact in page.Facts)
            {
                // Measured: a fact too long for half the column (7.6 pt ≈ 10.1 px, 66 mm ≈ 249 px, less its bold label's extra width) takes the whole row.
                var wide = TextMetrics.Width($"{fact.Label}: ", 10.1, bold: true) + TextMetrics.Width(fact.Value, 10.1) > 240 ? " class=\"wide\"" : string.Empty;
                Append($"<div{wide}><b>{E(fact.Label)}:</b> {E(fact.Value)}</div>\n");
            }

            Append("</div>\n");
            Figure(PerilLossChart.FileStem(site.Id), "half", string.Empty);
            Append("</div>\n</div>\n");
            var rows = page.Risks.Select(r =>
            {
                var worst = r.Score(r.WorstScenario);
                return (IReadOnlyList<string>)
                [
                    E(r.RiskId),
                    E(r.Risk.Name) + $"<br><span class=\"note\">{E(r.Horizon)} term ({Format.Int(r.HorizonYear)})</span>",
                    "<span class=\"chips\">" + string.Join(" ", r.Scores.Select(s => Rating(s.Rating))) + "</span>",
                    Format.Millions(worst.MeanCny) + " / " + Format.Millions(worst.P95Cny),
                    Controls(r, 1, 80) + (r.Risk.Key == "efficiency_regulation" && r.Note.Length > 0 ? "<br><span class=\"note\">" + E(r.Note) + "</span>" : string.Empty),
                ];
            }).ToArray();
            if (rows.Length > 0)
            {
                var letters = string.Join(", ", _scenarios.Select((_, i) => BoardPackModel.ScenarioLetter(i)));
                Append(Table(["ID", "Risk and horizon", $"Rating ({letters})", "Mean / P95 (worst), CNY m", "Controls in force (operator's disclosure)"], rows, "small site-risks", [false, false, false, true, false]));
            }

            Append($"<p class=\"note\">{E(page.ScenarioKey)}{(page.LowNote is { } low ? " " + E(low) : string.Empty)}</p>\n");
            Close();
        }

        private void AppendixAssumptions()
        {
            var settings = data.Result.Settings;
            var threshold = data.Threshold(Metric.TotalClimateCostCny, portfolio: false);
            var pThreshold = data.Threshold(Metric.TotalClimateCostCny, portfolio: true);
            Open("appendix", "Appendix", "A. Method and assumptions", flow: true);
            Append("<ul>\n");
            string[] items =
            [
                $"Monte Carlo simulation of {Format.Whole(settings.Paths)} paths per scenario, {Format.Int(settings.FirstYear)}–{Format.Int(settings.LastYear)}, counter-based random numbers (Philox4x32-10, seed {settings.Seed.ToString(CultureInfo.InvariantCulture)}); all scenarios use the same draws (common random numbers). The full model is docs/model.md.",
                "Physical risks: river/pluvial flood (depth–damage curves of JRC), storm surge with sea-level rise and subsidence, typhoon wind (Emanuel damage function), extreme heat (cooling shortfall), water stress (drought restrictions); hazards correlated across sites by distance (Gaussian copula).",
                "Chronic heat: annual PUE from the hourly PUE curve of the site's cooling type calibrated exactly to the reported PUE, shifted by the path's warming; the operator's planned efficiency programme is included.",
                "Transition: carbon price and coverage, grid emission factor, electricity price and green-power premium follow each scenario file; efficiency rules (PUE limits and surcharges) follow data/transition/pue_rules.csv.",
                $"Money in real 2023 CNY; NPV discounted at each scenario's rate to {Format.Int(settings.FirstYear)}. Quantiles are exact order statistics of the paths; loss exceedance at 1-in-R uses the 1 − 1/R quantile (fewer than ten paths beyond R = N/10).",
                $"Materiality: site {Format.Money(threshold?.Materiality ?? double.NaN)}, portfolio {Format.Money(pThreshold?.Materiality ?? double.NaN)} (data/register/thresholds.csv). Register likelihood bands < 1 %, 1–5 %, 5–20 %, 20–50 %, ≥ 50 %; impact bands from the thresholds' impact2–impact5 bounds.",
                "Register conventions: a two-metric risk's P95 is the sum of its components' P95s (exact when direct damage and business interruption rise with the same event) and its probability the largest component probability (a lower bound); horizon = the first horizon at which the risk reaches its highest rating.",
                "Limitations: one representative room stands for Kuaishou's leased fleet; several hazard parameters and PUE limits are assumptions documented in the data files' source columns (sources.html); the carbon cost assumes pricing reaches data-centre electricity use as each scenario states.",
            ];
            foreach (var item in items)
            {
                Append($"<li>{E(item)}</li>\n");
            }

            if (model.LearnedPueNote is { } learned)
            {
                Append($"<li>{E(learned)}</li>\n");
            }

            Append("</ul>\n");
            Manifest();
            Close();
        }

        private void Manifest()
        {
            var m = data.Manifest;
            Append("<h2 id=\"appendix-manifest\">B. Run manifest (reproduce the numbers)</h2>\n");
            IReadOnlyList<string>[] rows =
            [
                ["Tool", E(m.Tool)],
                ["Command line", "<code>climaterisk " + E(string.Join(' ', m.CommandLine)) + "</code>"],
                ["Seed / paths", $"{m.Seed.ToString(CultureInfo.InvariantCulture)} / {Format.Whole(m.Paths)}"],
                ["Years", $"{Format.Int(m.FirstYear)}–{Format.Int(m.LastYear)}"],
                ["Workers", $"{Format.Int(m.Workers)} (results do not depend on it)"],
                ["Scenarios", E(string.Join(", ", m.Scenarios))],
                ["Sites", E(string.Join(", ", m.Sites))],
                ["Started / finished", $"{E(Date(m.StartedUtc))} / {E(Date(m.FinishedUtc))} ({Format.Fixed(m.ElapsedSeconds, 1)} s)"],
                ["Outputs", $"manifest.json (lists every file written), results/*.csv, charts/*.svg ({Format.Int(charts.Count)}), register/risk_register.{{csv,xlsx,md}}, {ReportBuilder.BoardPackFile}, {SourcesWriter.FileName}, board-pack.pdf when Chromium is installed"],
            ];
            Append(Table(["Field", "Value"], rows, "small"));
            Append($"<p class=\"note\">The SHA-256 of the {Format.Int(m.InputSha256.Count)} input files, the scenario files' sources and the source of every input row this run used are in sources.html.</p>\n");
        }

        private void Figure(string stem, string fit, string caption)
        {
            if (!charts.TryGetValue(stem, out var chart))
            {
                return;
            }

            Append($"<figure class=\"{fit}\">\n");
            var copy = _shown[stem] = _shown.GetValueOrDefault(stem) + 1;
            Append(copy == 1 ? chart.ToInlineSvg() : chart.ToInlineSvg("copy" + Format.Int(copy)));
            if (caption.Length > 0)
            {
                Append($"<figcaption>{E(caption)}</figcaption>\n");
            }

            Append("</figure>\n");
        }

        private static string Controls(RegisterRow row, int max, int maxChars = int.MaxValue)
        {
            if (row.Controls.Count == 0)
            {
                return "<span class=\"note\">none disclosed</span>";
            }

            var shown = row.Controls.Take(max).Select(c => $"{E(c.English.Length > maxChars ? c.English[..maxChars].TrimEnd() + "…" : c.English)} <span class=\"note\">[{E(c.Operator)}, {E(c.Source)}]</span>");
            var more = row.Controls.Count > max ? $" <span class=\"note\">(+{Format.Int(row.Controls.Count - max)} more in the register)</span>" : string.Empty;
            return string.Join("<br>", shown) + more;
        }

        private static string Rating(int rating)
            => $"<span class=\"rating\" style=\"background:{RiskScoring.BandColour(rating)};color:{RiskScoring.BandTextColour(rating)}\">{Format.Int(rating)}</span>";

        private void Open(string id, string section, string title, bool flow = false)
        {
            Append($"<section class=\"page{(flow ? " flow" : string.Empty)}\" id=\"{E(id)}\">\n");
            Append($"<div class=\"running\"><span class=\"section\">{E(section)}</span><span>Climate risk board pack · {E(_portfolioName)}</span></div>\n");
            if (title.Length > 0)
            {
                Append($"<h2>{E(title)}</h2>\n");
            }
        }

        private void Close() => Append("</section>\n");

        private void Append(string text) => _html.Append(text);

        private static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

        private static string Range(IEnumerable<double> probabilities)
        {
            var list = probabilities.ToArray();
            return Format.PercentRange(list.Min(), list.Max());
        }

        private static string RangeFixed(IReadOnlyList<double> values, int decimals)
        {
            var (lo, hi) = (values.Min(), values.Max());
            return Format.Fixed(lo, decimals) == Format.Fixed(hi, decimals) ? Format.Fixed(lo, decimals) : $"{Format.Fixed(lo, decimals)}–{Format.Fixed(hi, decimals)}";
        }
    }
}
