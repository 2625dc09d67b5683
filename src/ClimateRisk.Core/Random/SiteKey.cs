namespace ClimateRisk.Core.Random;

/// <summary>
/// The site part of the random-number key: a hash of the site id, not its position in the
/// file, so a site keeps its draws when other sites are added, removed or reordered.
/// </summary>
public static class SiteKey
{
    /// <summary>FNV-1a (32-bit) of the UTF-16 code units of <paramref name="siteId"/>; never 0 (0 is the path-level key).</summary>
    public static uint FromId(string siteId)
    {
        ArgumentNullException.ThrowIfNull(siteId);
        var hash = 2166136261u;
        foreach (var ch in siteId)
        {
            hash ^= ch;
            hash *= 16777619u;
        }

        return hash == 0 ? 1u : hash;
    }
}
