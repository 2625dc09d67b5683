namespace ClimateRisk.IO;

/// <summary>
/// A run's output directory that appears only when complete: everything is written into a
/// hidden sibling, <c>.NAME.partial</c>, which <see cref="Commit"/> renames into place. The
/// staging name is fixed for a given output path, so a run that keeps unfinished work
/// (<c>run</c>) leaves its finished scenarios there for <c>--resume</c> to find when it is
/// stopped or fails; other commands' staging directories are removed then. Nothing
/// half-written ever appears under the final name, and an existing directory is never
/// overwritten unless asked to. A lock file keeps two processes from writing the same staging
/// directory.
/// </summary>
public sealed class RunDirectory : IDisposable
{
    private const string LockFileName = ".lock";
    private readonly bool _keepUnfinished;
    private FileStream? _lock;
    private bool _committed;

    private RunDirectory(string finalPath, string stagingPath, bool replace, bool keepUnfinished, FileStream lockFile)
    {
        FinalPath = finalPath;
        StagingPath = stagingPath;
        Replace = replace;
        _keepUnfinished = keepUnfinished;
        _lock = lockFile;
    }

    /// <summary>Where the results will be.</summary>
    public string FinalPath { get; }

    /// <summary>Where they are written meanwhile: <c>.NAME.partial</c> beside <see cref="FinalPath"/>.</summary>
    public string StagingPath { get; }

    /// <summary>Whether an existing directory at <see cref="FinalPath"/> is replaced.</summary>
    public bool Replace { get; }

    /// <summary>The staging directory of <paramref name="finalPath"/> (whether or not it exists).</summary>
    public static string StagingPathOf(string finalPath)
    {
        var full = Path.GetFullPath(finalPath);
        return Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.partial");
    }

    /// <summary>Starts a new run directory; <paramref name="keepUnfinished"/>: keep the staging directory if the run does not commit (for <c>--resume</c>).</summary>
    /// <exception cref="IOException">
    /// When <paramref name="finalPath"/> is a file or cannot be written (<see cref="CheckWritable(string)"/>);
    /// when it exists and <paramref name="replace"/> is false; when an
    /// interrupted run's staging directory is there and <paramref name="replace"/> is false (it is
    /// resumed with <see cref="Resume"/>, or discarded with replace); when another process holds it.
    /// </exception>
    public static RunDirectory Create(string finalPath, bool replace, bool keepUnfinished = false)
    {
        var full = Path.GetFullPath(finalPath);
        CheckWritable(finalPath, full);
        if (Directory.Exists(full) && !replace)
        {
            throw new IOException($"{finalPath} already exists; choose another --out or pass --force to replace it.");
        }

        var staging = StagingPathOf(full);
        if (Directory.Exists(staging) && !replace)
        {
            throw new IOException($"{finalPath} has an interrupted run in {staging}: resume it with --resume {finalPath}, or pass --force to start again.");
        }

        Directory.CreateDirectory(staging);
        var lockFile = Lock(finalPath, staging);
        // --force over an interrupted run: start from an empty staging directory (the lock,
        // taken first, makes sure no other process is still writing it).
        foreach (var entry in new DirectoryInfo(staging).EnumerateFileSystemInfos().Where(e => e.Name != LockFileName))
        {
            if (entry is DirectoryInfo directory)
            {
                directory.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }

        return new RunDirectory(full, staging, replace, keepUnfinished, lockFile);
    }

    /// <summary>Reopens the staging directory of an interrupted run of <paramref name="finalPath"/>.</summary>
    /// <exception cref="IOException">When there is nothing to resume, the final directory exists without <paramref name="replace"/>, or another process holds it.</exception>
    public static RunDirectory Resume(string finalPath, bool replace)
    {
        var full = Path.GetFullPath(finalPath);
        var staging = StagingPathOf(full);
        if (!Directory.Exists(staging))
        {
            var complete = Directory.Exists(full) ? $"; {finalPath} is a finished run" : string.Empty;
            throw new IOException($"nothing to resume: {finalPath} has no interrupted run ({staging} does not exist){complete}.");
        }

        CheckWritable(finalPath, full);
        if (Directory.Exists(full) && !replace)
        {
            throw new IOException($"{finalPath} already exists; choose another --out or pass --force to replace it.");
        }

        return new RunDirectory(full, staging, replace, keepUnfinished: true, Lock(finalPath, staging));
    }

    /// <summary>
    /// Checks, before anything is computed, that a run directory can be made at
    /// <paramref name="finalPath"/>: it is not a file (never replaced, even with --force), no
    /// folder on its way is a file, and a probe file can be created and deleted in the nearest
    /// existing folder above it (read-only folders and file systems, missing permissions).
    /// </summary>
    /// <exception cref="IOException">What is in the way, naming <c>--out</c> and what to do.</exception>
    public static void CheckWritable(string finalPath)
    {
        ArgumentNullException.ThrowIfNull(finalPath);
        CheckWritable(finalPath, Path.GetFullPath(finalPath));
    }

    /// <summary>
    /// Removes everything from the staging directory but its lock and <paramref name="keep"/>:
    /// the outputs a failed attempt left half-written, before they are written again.
    /// </summary>
    public void ClearExcept(string keep)
    {
        foreach (var entry in new DirectoryInfo(StagingPath).EnumerateFileSystemInfos().Where(e => e.Name != LockFileName && e.Name != keep))
        {
            if (entry is DirectoryInfo directory)
            {
                directory.Delete(recursive: true);
            }
            else
            {
                entry.Delete();
            }
        }
    }

    private static void CheckWritable(string finalPath, string full)
    {
        if (System.IO.File.Exists(full))
        {
            throw new IOException($"--out {finalPath} is a file, not a directory; give the path of a directory for the run (a file is never replaced, even with --force).");
        }

        var folder = Path.GetDirectoryName(full);
        while (folder is not null && !Directory.Exists(folder))
        {
            if (System.IO.File.Exists(folder))
            {
                throw new IOException($"--out {finalPath}: {folder} is a file, so no directory can be made under it; choose another --out.");
            }

            folder = Path.GetDirectoryName(folder);
        }

        if (folder is null)
        {
            return;
        }

        var probe = Path.Combine(folder, $".climaterisk-write-test-{Guid.NewGuid():N}");
        try
        {
            new FileStream(probe, FileMode.CreateNew, FileAccess.Write).Dispose();
            System.IO.File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"--out {finalPath}: cannot write in {folder} ({ex.Message}); choose a directory you can write to.", ex);
        }
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
        ReleaseLock();
        System.IO.File.Delete(Path.Combine(StagingPath, LockFileName));
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

    /// <summary>
    /// Releases the staging directory. Without a commit it is removed, unless unfinished work
    /// is kept: then its finished scenarios are what <c>--resume</c> continues from.
    /// </summary>
    public void Dispose()
    {
        ReleaseLock();
        if (!_committed && !_keepUnfinished && Directory.Exists(StagingPath))
        {
            Directory.Delete(StagingPath, recursive: true);
        }
    }

    private void ReleaseLock()
    {
        _lock?.Dispose();
        _lock = null;
    }

    private static FileStream Lock(string finalPath, string staging)
    {
        try
        {
            // FileShare.None is an exclusive lock (flock on Unix), released by the OS if the process dies.
            return new FileStream(Path.Combine(staging, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new IOException($"another climaterisk run is writing {finalPath} ({staging} is locked); wait for it or choose another --out.");
        }
    }
}
