using System.Text.Json;

namespace ClimateRisk.IO;

/// <summary>
/// The finished scenarios of a run in progress, under <c>partial/</c> of its staging directory:
/// <c>run.json</c> (the <see cref="RunPlan"/>), then per scenario <c>SCENARIO/</c> with that
/// scenario's results files (each with its header), <c>scenario.json</c> (its
/// <see cref="ScenarioConvergence"/>) and a <c>done</c> marker that lists the SHA-256 of every
/// other file of the folder (the format of <c>sha256sum</c>, so <c>sha256sum -c done</c> checks
/// it by hand). A scenario's folder is written under a temporary name and renamed when
/// complete, so a killed process leaves either a whole scenario or none; a folder damaged
/// afterwards (a bad disk, an edit) fails its checksums and <see cref="Resume"/> drops it, so
/// that scenario alone is simulated again. At the end the fragments are concatenated in scenario order, header once:
/// the same bytes as writing every scenario at once, since each file lists scenario by scenario.
/// </summary>
public sealed class RunCheckpoint
{
    /// <summary>The marker of a finished scenario.</summary>
    public const string DoneMarker = "done";

    private const string PartialFolder = "partial";
    private const string PlanFile = "run.json";
    private const string ScenarioFile = "scenario.json";

    private RunCheckpoint(string directory, IReadOnlyList<string> dropped)
    {
        Directory = directory;
        Dropped = dropped;
    }

    /// <summary>The <c>partial/</c> folder.</summary>
    public string Directory { get; }

    /// <summary>
    /// What <see cref="Resume"/> dropped: one line per finished scenario whose files failed their
    /// checksums (that scenario is simulated again); empty for a new run.
    /// </summary>
    public IReadOnlyList<string> Dropped { get; }

    /// <summary>Begins the checkpoint of a new run in <paramref name="stagingPath"/>.</summary>
    public static RunCheckpoint Start(string stagingPath, RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var directory = Path.Combine(stagingPath, PartialFolder);
        System.IO.Directory.CreateDirectory(directory);
        var planPath = Path.Combine(directory, PlanFile);
        plan.Write(planPath);
        // A damaged plan must not read as other settings (a flipped digit is still valid JSON).
        OutputFile.WriteAllText(planPath + ".sha256", $"{RunManifest.Sha256(planPath)}  {PlanFile}\n");
        return new RunCheckpoint(directory, []);
    }

    /// <summary>
    /// Reopens the checkpoint of an interrupted run, after checking that <paramref name="plan"/>
    /// is the plan it was started with; unfinished scenario folders are removed.
    /// </summary>
    /// <exception cref="InputException">When the plans differ (each difference is one error).</exception>
    /// <exception cref="InvalidDataException">When the interrupted run's plan is missing or damaged: its scenarios cannot be checked against <paramref name="plan"/>.</exception>
    public static RunCheckpoint Resume(string stagingPath, RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var directory = Path.Combine(stagingPath, PartialFolder);
        var planPath = Path.Combine(directory, PlanFile);
        RunPlan earlier;
        try
        {
            var recorded = System.IO.File.ReadAllText(planPath + ".sha256");
            if (recorded.Length < 64 || !recorded.StartsWith(RunManifest.Sha256(planPath), StringComparison.Ordinal))
            {
                throw new InvalidDataException($"it does not match its SHA-256 in {PlanFile}.sha256");
            }

            earlier = RunPlan.Read(planPath);
        }
        catch (Exception ex) when (ex is IOException or JsonException or InvalidDataException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new InvalidDataException($"{planPath} is missing or damaged ({ex.Message.Split('\n')[0]})", ex);
        }

        var differences = plan.DifferencesFrom(earlier);
        if (differences.Count > 0)
        {
            throw new InputException([.. differences.Select(d => new InputError(planPath, 0, string.Empty, d, "the settings and inputs of the interrupted run"))]);
        }

        foreach (var folder in System.IO.Directory.GetDirectories(directory).Where(d => d.EndsWith(".writing", StringComparison.Ordinal) || !System.IO.File.Exists(Path.Combine(d, DoneMarker))))
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }

        var dropped = new List<string>();
        foreach (var folder in System.IO.Directory.GetDirectories(directory).Order(StringComparer.Ordinal))
        {
            if (Damage(folder) is { } damage)
            {
                dropped.Add($"warning: {folder}: {damage}; scenario {Path.GetFileName(folder)} is simulated again.");
                System.IO.Directory.Delete(folder, recursive: true);
            }
        }

        return new RunCheckpoint(directory, dropped);
    }

    /// <summary>What is wrong with a finished scenario's folder by the checksums of its marker, or null when every file matches.</summary>
    public static string? Damage(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string[] lines;
        try
        {
            lines = System.IO.File.ReadAllLines(Path.Combine(folder, DoneMarker));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"its {DoneMarker} marker cannot be read ({ex.Message})";
        }

        var listed = new HashSet<string>(StringComparer.Ordinal) { DoneMarker };
        foreach (var line in lines.Where(l => l.Length > 0))
        {
            // sha256sum's text format: 64 hex digits, two spaces, the file name.
            if (line.Length < 67 || line[64] != ' ' || line[65] != ' ' || !line[..64].All(char.IsAsciiHexDigitLower))
            {
                return $"its {DoneMarker} marker is damaged (line '{line}')";
            }

            var name = line[66..];
            var path = Path.Combine(folder, name);
            if (name.Contains('/', StringComparison.Ordinal) || !System.IO.File.Exists(path))
            {
                return $"{name} is missing";
            }

            if (RunManifest.Sha256(path) != line[..64])
            {
                return $"{name} does not match its SHA-256 in {DoneMarker} (the file is damaged)";
            }

            listed.Add(name);
        }

        if (listed.Count == 1)
        {
            return $"its {DoneMarker} marker lists no checksums (damaged, or written by an older version)";
        }

        return System.IO.Directory.GetFiles(folder).Select(Path.GetFileName).FirstOrDefault(f => !listed.Contains(f!)) is { } extra
            ? $"{extra} is not listed in {DoneMarker}"
            : null;
    }

    /// <summary>Whether <paramref name="scenarioId"/> was finished.</summary>
    public bool IsDone(string scenarioId) => System.IO.File.Exists(Path.Combine(Directory, scenarioId, DoneMarker));

    /// <summary>The convergence record of a finished scenario.</summary>
    public ScenarioConvergence Convergence(string scenarioId)
        => JsonSerializer.Deserialize(System.IO.File.ReadAllText(Path.Combine(Directory, scenarioId, ScenarioFile)), RunManifest.TypeInfo<ScenarioConvergence>())
           ?? throw new InvalidDataException($"{scenarioId}: empty scenario record");

    /// <summary>
    /// Saves a finished scenario: <paramref name="writeFiles"/> writes its results files into the
    /// folder it is given; the folder becomes visible, with its marker, in one rename.
    /// </summary>
    public void Save(string scenarioId, ScenarioConvergence convergence, Action<string> writeFiles)
    {
        ArgumentNullException.ThrowIfNull(writeFiles);
        var final = Path.Combine(Directory, scenarioId);
        var temporary = final + ".writing";
        if (System.IO.Directory.Exists(temporary))
        {
            System.IO.Directory.Delete(temporary, recursive: true);
        }

        System.IO.Directory.CreateDirectory(temporary);
        writeFiles(temporary);
        OutputFile.WriteAllText(Path.Combine(temporary, ScenarioFile), JsonSerializer.Serialize(convergence, RunManifest.TypeInfo<ScenarioConvergence>()) + "\n");
        var checksums = System.IO.Directory.GetFiles(temporary)
            .Order(StringComparer.Ordinal)
            .Select(f => $"{RunManifest.Sha256(f)}  {Path.GetFileName(f)}\n");
        OutputFile.WriteAllText(Path.Combine(temporary, DoneMarker), string.Concat(checksums));
        System.IO.Directory.Move(temporary, final);
    }

    /// <summary>
    /// Writes each of <paramref name="fileNames"/> into <paramref name="resultsDirectory"/>: the
    /// header of the first scenario's fragment, then every scenario's rows in the given order.
    /// </summary>
    public void Assemble(string resultsDirectory, IReadOnlyList<string> scenarioIds, IReadOnlyList<string> fileNames)
    {
        ArgumentNullException.ThrowIfNull(scenarioIds);
        ArgumentNullException.ThrowIfNull(fileNames);
        System.IO.Directory.CreateDirectory(resultsDirectory);
        foreach (var name in fileNames)
        {
            using var output = OutputFile.Create(Path.Combine(resultsDirectory, name));
            for (var i = 0; i < scenarioIds.Count; i++)
            {
                var bytes = System.IO.File.ReadAllBytes(Path.Combine(Directory, scenarioIds[i], name));
                var headerEnd = Array.IndexOf(bytes, (byte)'\n') + 1;
                output.Write(bytes, i == 0 ? 0 : headerEnd, i == 0 ? bytes.Length : bytes.Length - headerEnd);
            }
        }
    }

    /// <summary>Removes <c>partial/</c> once the results are assembled.</summary>
    public void Remove() => System.IO.Directory.Delete(Directory, recursive: true);
}
