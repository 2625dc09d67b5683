using System.Globalization;

namespace ClimateRisk.Pipeline;

/// <summary>
/// Which shard of a run this process simulates: <c>--shard i/n</c> (0-based), or
/// <c>--shard auto</c> from the scheduler's environment — a Kubernetes Indexed Job
/// (JOB_COMPLETION_INDEX, with the completion count in CLIMATERISK_SHARDS because Kubernetes
/// does not export it) or a Slurm job array (SLURM_ARRAY_TASK_ID − SLURM_ARRAY_TASK_MIN of
/// SLURM_ARRAY_TASK_COUNT).
/// </summary>
public readonly record struct ShardSpec(int Index, int Count)
{
    /// <summary>Paths [First, First + Length) of a run of <paramref name="totalPaths"/> (MODEL §12: [i·N/n, (i+1)·N/n)).</summary>
    public (long First, int Length) Range(int totalPaths)
    {
        var first = (long)Index * totalPaths / Count;
        var next = (long)(Index + 1) * totalPaths / Count;
        return (first, (int)(next - first));
    }

    /// <summary>The shard as <c>i/n</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>Parses <c>i/n</c> or <c>auto</c> (reading the scheduler's variables from <paramref name="environment"/>); else false and the <paramref name="problem"/>.</summary>
    public static bool TryParse(string text, Func<string, string?> environment, out ShardSpec spec, out string problem)
    {
        spec = default;
        problem = string.Empty;
        if (text == "auto")
        {
            if (environment("JOB_COMPLETION_INDEX") is { } k8sIndex)
            {
                return FromNumbers(k8sIndex, environment("CLIMATERISK_SHARDS"), "0", "JOB_COMPLETION_INDEX", "CLIMATERISK_SHARDS (set it to the Job's completions)", out spec, out problem);
            }

            if (environment("SLURM_ARRAY_TASK_ID") is { } slurmIndex)
            {
                return FromNumbers(slurmIndex, environment("SLURM_ARRAY_TASK_COUNT"), environment("SLURM_ARRAY_TASK_MIN") ?? "0", "SLURM_ARRAY_TASK_ID", "SLURM_ARRAY_TASK_COUNT", out spec, out problem);
            }

            problem = "--shard auto needs JOB_COMPLETION_INDEX (Kubernetes Indexed Job) or SLURM_ARRAY_TASK_ID (Slurm job array) in the environment";
            return false;
        }

        var parts = text.Split('/');
        if (parts.Length != 2)
        {
            problem = $"--shard '{text}': expected i/n (0 ≤ i < n) or auto";
            return false;
        }

        return FromNumbers(parts[0], parts[1], "0", "--shard i", "--shard n", out spec, out problem);
    }

    private static bool FromNumbers(string index, string? count, string min, string indexName, string countName, out ShardSpec spec, out string problem)
    {
        spec = default;
        problem = string.Empty;
        if (!int.TryParse(index, NumberStyles.None, CultureInfo.InvariantCulture, out var i)
            || !int.TryParse(min, NumberStyles.None, CultureInfo.InvariantCulture, out var lowest))
        {
            problem = $"{indexName} '{index}': expected a whole number ≥ 0";
            return false;
        }

        if (count is null || !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
        {
            problem = $"{countName} '{count}': expected the number of shards, ≥ 1";
            return false;
        }

        if (i - lowest < 0 || i - lowest >= n)
        {
            problem = $"{indexName} '{index}': expected 0 ≤ i < {n}";
            return false;
        }

        spec = new ShardSpec(i - lowest, n);
        return true;
    }
}
