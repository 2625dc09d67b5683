using ClimateRisk.Core.Model;
using ClimateRisk.Reporting.Register;

namespace ClimateRisk.Reporting.BoardPack;

/// <summary>
/// What a site's page says: its facts, the register rows it lists (highest rating first, at most
/// <see cref="BoardPackModel.SiteRisksShown"/>), the note on the rows left out and the scenario key
/// of the rating chips.
/// </summary>
/// <param name="Site">The site.</param>
/// <param name="Facts">Label and value of each fact, in page order.</param>
/// <param name="Risks">The register rows shown: rated 2 or more in some scenario, or an efficiency-regulation row whose limit is likely breached (P ≥ 50 %).</param>
/// <param name="LowNote">The rows rated 1 in every scenario and those beyond the shown ones, in a sentence; null when there are none.</param>
/// <param name="ScenarioKey">"A = NGFS Below 2°C; B = …": the letters of the rating chips.</param>
public sealed record SitePage(Site Site, IReadOnlyList<SiteFact> Facts, IReadOnlyList<RegisterRow> Risks, string? LowNote, string ScenarioKey);
