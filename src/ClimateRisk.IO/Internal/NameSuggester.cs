namespace ClimateRisk.IO.Internal;

/// <summary>Suggests the nearest known name for a typo (Levenshtein distance).</summary>
internal static class NameSuggester
{
    /// <summary>The known name nearest to <paramref name="name"/> if it is a plausible typo of it (edit distance ≤ max(2, length/3)), else null.</summary>
    public static string? Nearest(string name, IEnumerable<string> known)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var d = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }

        return best is not null && bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
    }

    public static string ExpectedOneOf(string name, IReadOnlyCollection<string> known)
    {
        var nearest = Nearest(name, known);
        var list = known.Count <= 12 ? $"one of {string.Join(", ", known)}" : $"one of {known.Count} known keys";
        return nearest is null ? list : $"{list} (did you mean '{nearest}'?)";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
