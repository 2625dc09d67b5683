using System.Text.Json;

namespace ClimateRisk.IO;

/// <summary>
/// The finished scenarios of a run in progress, under <c>partial/</c> of its staging directory:
/// <c>run.json</c> (the <see cref="RunPlan"/>), then per scenario <c>SCENARIO/</c> with that
/// scenario's results files (each with its header), <c>scenario.json</c> (its
/// <see cref="ScenarioConvergence"/>) and a <c>done</c> marker. A scenario's folder is written
/// under a temporary name and renamed when complete, so a killed process leaves either a whole
/// scenario or none. At the end the fragments are concatenated in scenario order, header once:
/// the same bytes as writing every scenario at once, since each file lists scenario by scenario.
/// </summary>
public sealed class RunCheckpoint
{
    /// <summary>The marker of a finished scenario.</summary>
    public const string DoneMarker = "done";

    private const string PartialFolder = "partial";
    private const string PlanFile = "run.json";
    private const string ScenarioFile = "scenario.json";

    private RunCheckpoint(string directory)
    {
        Directory = directory;
    }

    /// <summary>The <c>partial/</c> folder.</summary>
    public string Directory { get; }

    /// <summary>Begins the checkpoint of a new run in <paramref name="stagingPath"/>.</summary>
    public static RunCheckpoint Start(string stagingPath, RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var directory = Path.Combine(stagingPath, PartialFolder);
        System.IO.Directory.CreateDirectory(directory);
        plan.Write(Path.Combine(directory, PlanFile));
        return new RunCheckpoint(directory);
    }

    /// <summary>
    /// Reopens the checkpoint of an interrupted run, after checking that <paramref name="plan"/>
    /// is the plan it was started with; unfinished scenario folders are removed.
    /// </summary>
    /// <exception cref="InputException">When the plans differ (each difference is one error) or the interrupted run left no plan.</exception>
    public static RunCheckpoint Resume(string stagingPath, RunPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var directory = Path.Combine(stagingPath, PartialFolder);
        var planPath = Path.Combine(directory, PlanFile);
        RunPlan earlier;
        try
        {
            earlier = RunPlan.Read(planPath);
        }
        catch (Exception ex) when (ex is IOException or JsonException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new InputException([new InputError(planPath, 0, string.Empty, ex.Message.Split('\n')[0], "the plan of the interrupted run (start again with --force)")]);
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

        return new RunCheckpoint(directory);
    }

    /// <summary>Whether <paramref name="scenarioId"/> was finished.</summary>
    public bool IsDone(string scenarioId) => System.IO.File.Exists(Path.Combine(Directory, scenarioId, DoneMarker));

    /// <summary>The convergence record of a finished scenario.</summary>
    public ScenarioConvergence Convergence(string scenarioId)
        => JsonSerializer.Deserialize<ScenarioConvergence>(System.IO.File.ReadAllText(Path.Combine(Directory, scenarioId, ScenarioFile)), RunManifest.JsonOptions)
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
        System.IO.File.WriteAllText(Path.Combine(temporary, ScenarioFile), JsonSerializer.Serialize(convergence, RunManifest.JsonOptions) + "\n");
        System.IO.File.WriteAllText(Path.Combine(temporary, DoneMarker), string.Empty);
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
            using var output = new FileStream(Path.Combine(resultsDirectory, name), FileMode.CreateNew, FileAccess.Write);
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
