using ClimateRisk.Core.Climate;
using ClimateRisk.Core.Model;
using ClimateRisk.IO;

namespace ClimateRisk.Core.Tests.Properties;

/// <summary>
/// Random valid portfolios for the property tests: the bundled sites (loaded and validated by
/// the IO loader), each perturbed within the ranges the loader accepts — and pushed towards the
/// corners the bundled data never reaches (frequent hot days, deep floods, weak defences,
/// long droughts). Deterministic for a seed.
/// </summary>
internal static class RandomPortfolio
{
    private static readonly Lazy<ModelInputs> BundledInputs = new(() =>
    {
        var root = TestSupport.BundledData.Root;
        var data = Path.Combine(root, "data");
        return InputLoader.Load(new InputPaths
        {
            DataDirectory = data,
            SitesFile = Path.Combine(data, "sites.csv"),
            ScenarioFiles = Directory.GetFiles(Path.Combine(root, "scenarios"), "*.yaml").Order(StringComparer.Ordinal).ToArray(),
        });
    });

    public static ModelInputs Bundled => BundledInputs.Value;

    /// <summary>The bundled inputs with every site perturbed.</summary>
    public static ModelInputs Generate(int seed)
    {
        var random = new System.Random(seed);
        var bundled = Bundled;
        var floodDonor = bundled.Sites.First(s => s.Flood is not null).Flood!;
        var sites = bundled.Sites.Select(s => Perturb(s, floodDonor, random)).ToArray();
        return bundled with { Sites = sites };
    }

    private static double U(System.Random r, double low, double high) => low + (r.NextDouble() * (high - low));

    private static Site Perturb(Site s, FloodExposure floodDonor, System.Random r)
    {
        var flood = s.Flood ?? (r.Next(2) == 0 ? floodDonor : null);
        if (flood is not null)
        {
            var scale = U(r, 0.5, 4);
            flood = flood with
            {
                DepthsM = flood.DepthsM.Select(d => Math.Min(50, d * scale)).ToArray(),
                ProtectionRpY = new[] { 0.0, 5, 10, 20, 50, 100, 1000 }[r.Next(7)],
                FloorHeightM = U(r, 0, 1.5),
                Hardening = U(r, 0, 1),
            };
        }

        var site = s with
        {
            Latitude = Math.Clamp(s.Latitude + U(r, -2, 2), -90, 90),
            Longitude = Math.Clamp(s.Longitude + U(r, -2, 2), -180, 180),
            ItLoadMw = s.ItLoadMw * U(r, 0.5, 2),
            LoadGrowth = U(r, -0.02, 0.08),
            AssetValueCny = s.AssetValueCny * U(r, 0.3, 3),
            BiCnyPerDay = s.BiCnyPerDay * U(r, 0.3, 3),
            Failover = U(r, 0, 1),
            WueLPerKwh = U(r, 0, 3),
            WaterStorageH = U(r, 0, 48),
            LandAmplification = U(r, 1, 2),
            ReportedPue = s.ReportedPue + U(r, -0.05, 0.15),
            Climate = s.Climate with { InterannualSdC = U(r, 0.2, 1.2), SummerTmaxMeanC = s.Climate.SummerTmaxMeanC + U(r, -3, 5) },
            Heat = new HeatShortfall { TCritC = s.Heat.TCritC - U(r, -5, 12), ShortfallProbability = U(r, 0, 1), ThrottleFraction = U(r, 0, 1), ThrottleHours = U(r, 0, 24) },
            Drought = new DroughtExposure { RestrictionDaysPerYear = U(r, 0, 60), DryPuePenalty = U(r, 0, 0.5) },
            Flood = flood,
            Surge = s.Surge is { } surge ? surge with { DefenceCrestM = surge.DefenceCrestM + U(r, -1.5, 1), GevLocationM = surge.GevLocationM + U(r, -0.5, 0.5) } : null,
            Wind = s.Wind is { } wind ? wind with { GumbelLocationMs = wind.GumbelLocationMs + U(r, -3, 8), VBiMs = U(r, 25, 45), BiHours = U(r, 0, 72) } : null,
        };

        // The loader's PUE check (InputLoader.CheckAcrossFiles): raise the reported PUE until a
        // cool year cannot take the site below PUE 1, as a user would have to.
        while (PueCurve.LowestAnnual(site.Cooling, site.Climate, site.ReportedPue)
               + Math.Min(0, Math.Min(site.PlannedPueChange.At(2030), site.PlannedPueChange.At(2050))) < 1)
        {
            site = site with { ReportedPue = site.ReportedPue + 0.01 };
        }

        return site;
    }
}
