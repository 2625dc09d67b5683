namespace ClimateRisk.IO;

/// <summary>
/// A run's output directory that appears only when complete: everything is written into a
/// hidden sibling directory, which is renamed into place by <see cref="Commit"/>. A run that
/// fails or is stopped leaves no half-written results, and an existing directory is never
/// overwritten unless asked to.
/// </summary>
public sealed class RunDirectory : IDisposable
{
    private bool _committed;

    private RunDirectory(string finalPath, string stagingPath, bool replace)
    {
        FinalPath = finalPath;
        StagingPath = stagingPath;
        Replace = replace;
    }

    /// <summary>Where the results will be.</summary>
    public string FinalPath { get; }

    /// <summary>Where they are written meanwhile.</summary>
    public string StagingPath { get; }

    /// <summary>Whether an existing directory at <see cref="FinalPath"/> is replaced.</summary>
    public bool Replace { get; }

    /// <summary>Starts a run directory.</summary>
    /// <exception cref="IOException">When <paramref name="finalPath"/> exists and <paramref name="replace"/> is false.</exception>
    public static RunDirectory Create(string finalPath, bool replace)
    {
        var full = Path.GetFullPath(finalPath);
        if ((Directory.Exists(full) || System.IO.File.Exists(full)) && !replace)
        {
            throw new IOException($"{finalPath} already exists; choose another --out or pass --force to replace it.");
        }

        var parent = Path.GetDirectoryName(full) ?? ".";
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".{Path.GetFileName(full)}.partial-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        return new RunDirectory(full, staging, replace);
    }

    /// <summary>A path inside the staging directory, creating its parent folders.</summary>
    public string File(string relativePath)
    {
        var path = Path.Combine(StagingPath, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>Moves the finished results into place.</summary>
    public void Commit()
    {
        if (Directory.Exists(FinalPath) && Replace)
        {
            var old = FinalPath + $".old-{Guid.NewGuid():N}";
            Directory.Move(FinalPath, old);
            Directory.Move(StagingPath, FinalPath);
            Directory.Delete(old, recursive: true);
        }
        else
        {
            Directory.Move(StagingPath, FinalPath);
        }

        _committed = true;
    }

    /// <summary>Removes the staging directory of a run that did not commit.</summary>
    public void Dispose()
    {
        if (!_committed && Directory.Exists(StagingPath))
        {
            Directory.Delete(StagingPath, recursive: true);
        }
    }
}
