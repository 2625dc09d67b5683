using ClimateRisk.Core.Model;

namespace ClimateRisk.IO;

/// <summary>
/// A site of the portfolio with no row in one or more of the optional hazard tables (flood,
/// surge, wind): the model treats it as not exposed to those hazards, which is right for a site
/// far from rivers, coasts and typhoon tracks and wrong if its row was forgotten, so
/// <c>validate</c> lists it for a person to confirm.
/// </summary>
/// <param name="SiteId">The site.</param>
/// <param name="Hazards">Each hazard it is not exposed to, with the table that would hold its row, e.g. <c>typhoon wind (hazard/wind_gumbel.csv)</c>.</param>
public sealed record ExposureGap(string SiteId, IReadOnlyList<string> Hazards)
{
    /// <summary>The optional hazard tables: display name, path under the data directory, whether a site has a row.</summary>
    public static IReadOnlyList<(string Hazard, string Table, Func<Site, bool> HasRow)> OptionalTables { get; } =
    [
        ("river/pluvial flood", "hazard/flood_depth.csv", s => s.Flood is not null),
        ("coastal flood", "hazard/surge_gev.csv", s => s.Surge is not null),
        ("typhoon wind", "hazard/wind_gumbel.csv", s => s.Wind is not null),
    ];

    /// <summary>The gaps of <paramref name="sites"/>, in site order, naming the tables under <paramref name="dataDirectory"/>; sites with every row are left out.</summary>
    public static IReadOnlyList<ExposureGap> Of(IEnumerable<Site> sites, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(sites);
        return sites
            .Select(s => new ExposureGap(s.Id, OptionalTables.Where(t => !t.HasRow(s))
                .Select(t => $"{t.Hazard} ({Path.Combine(dataDirectory, t.Table).Replace('\\', '/')})").ToArray()))
            .Where(g => g.Hazards.Count > 0)
            .ToArray();
    }

    /// <summary>One line for a person: <c>ks-ulanqab: not exposed to: river/pluvial flood (hazard/flood_depth.csv), …</c>.</summary>
    public override string ToString() => $"{SiteId}: not exposed to: {string.Join(", ", Hazards)}";
}
