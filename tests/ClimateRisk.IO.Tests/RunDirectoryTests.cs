namespace ClimateRisk.IO.Tests;

/// <summary>
/// RunDirectory: results appear only on Commit; a run that does not commit keeps its staging
/// directory (a fixed name per output path) for --resume, locked against a second process.
/// </summary>
public sealed class RunDirectoryTests : IDisposable
{
    private readonly string _parent = Path.Combine(Path.GetTempPath(), "climaterisk-rundir-" + Guid.NewGuid().ToString("N"));

    public RunDirectoryTests() => Directory.CreateDirectory(_parent);

    public void Dispose() => Directory.Delete(_parent, recursive: true);

    private string Final => Path.Combine(_parent, "run");

    private string[] Entries() => Directory.GetFileSystemEntries(_parent).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public void Results_appear_only_after_commit()
    {
        using var run = RunDirectory.Create(Final, replace: false);
        File.WriteAllText(run.File("results/site_year.csv"), "a,b\n");
        File.WriteAllText(run.File("manifest.json"), "{}\n");

        Directory.Exists(Final).Should().BeFalse();
        Directory.Exists(run.StagingPath).Should().BeTrue();
        Path.GetDirectoryName(run.StagingPath).Should().Be(_parent, "staging is a sibling, so the commit is a rename on the same volume");
        Path.GetFileName(run.StagingPath).Should().Be(".run.partial");
        RunDirectory.StagingPathOf(Final).Should().Be(run.StagingPath);

        run.Commit();

        Directory.Exists(run.StagingPath).Should().BeFalse();
        File.ReadAllText(Path.Combine(Final, "results", "site_year.csv")).Should().Be("a,b\n");
        File.ReadAllText(Path.Combine(Final, "manifest.json")).Should().Be("{}\n");
        Entries().Should().Equal("run");
    }

    [Fact]
    public void Dispose_after_commit_keeps_the_results()
    {
        var run = RunDirectory.Create(Final, replace: false);
        File.WriteAllText(run.File("x.txt"), "x");
        run.Commit();

        run.Dispose();

        File.ReadAllText(Path.Combine(Final, "x.txt")).Should().Be("x");
    }

    [Fact]
    public void Dispose_without_commit_leaves_neither_the_directory_nor_the_staging_directory_by_default()
    {
        var run = RunDirectory.Create(Final, replace: false);
        File.WriteAllText(run.File("results/site_year.csv"), "partial");

        run.Dispose();

        Directory.Exists(Final).Should().BeFalse();
        Directory.Exists(run.StagingPath).Should().BeFalse();
        Entries().Should().BeEmpty();
    }

    [Fact]
    public void Dispose_without_commit_keeps_unfinished_work_for_resume_when_asked_and_no_final_directory()
    {
        var run = RunDirectory.Create(Final, replace: false, keepUnfinished: true);
        File.WriteAllText(run.File("partial/a/done"), string.Empty);

        run.Dispose();

        Directory.Exists(Final).Should().BeFalse();
        File.Exists(Path.Combine(run.StagingPath, "partial", "a", "done")).Should().BeTrue();
        Entries().Should().Equal(".run.partial");
    }

    [Fact]
    public void A_new_run_refuses_an_interrupted_one_unless_forced_which_starts_it_again()
    {
        using (var interrupted = RunDirectory.Create(Final, replace: false, keepUnfinished: true))
        {
            File.WriteAllText(interrupted.File("partial/a/done"), string.Empty);
        }

        var act = () => RunDirectory.Create(Final, replace: false);

        act.Should().Throw<IOException>().WithMessage(
            $"{Final} has an interrupted run in {RunDirectory.StagingPathOf(Final)}: resume it with --resume {Final}, or pass --force to start again.");
        using var forced = RunDirectory.Create(Final, replace: true);
        Directory.GetFileSystemEntries(forced.StagingPath).Select(Path.GetFileName).Should().Equal(".lock");
    }

    [Fact]
    public void Resume_reopens_the_interrupted_staging_directory()
    {
        using (var interrupted = RunDirectory.Create(Final, replace: false, keepUnfinished: true))
        {
            File.WriteAllText(interrupted.File("partial/a/done"), string.Empty);
        }

        using var resumed = RunDirectory.Resume(Final, replace: false);
        File.Exists(Path.Combine(resumed.StagingPath, "partial", "a", "done")).Should().BeTrue();
        Directory.Delete(Path.Combine(resumed.StagingPath, "partial"), recursive: true);
        resumed.Commit();

        Entries().Should().Equal("run");
        Directory.GetFileSystemEntries(Final).Should().BeEmpty("the lock file is not part of the results");
    }

    [Fact]
    public void Resume_with_nothing_to_resume_says_so()
    {
        var act = () => RunDirectory.Resume(Final, replace: false);

        act.Should().Throw<IOException>().WithMessage($"nothing to resume: {Final} has no interrupted run ({RunDirectory.StagingPathOf(Final)} does not exist).");
        Entries().Should().BeEmpty();
    }

    [Fact]
    public void Existing_directory_throws_and_is_left_untouched()
    {
        Directory.CreateDirectory(Final);
        File.WriteAllText(Path.Combine(Final, "old.txt"), "old");

        var act = () => RunDirectory.Create(Final, replace: false);

        act.Should().Throw<IOException>().WithMessage($"{Final} already exists; choose another --out or pass --force to replace it.");
        File.ReadAllText(Path.Combine(Final, "old.txt")).Should().Be("old");
        Entries().Should().ContainSingle().Which.Should().Be("run", "no staging directory is created when the target exists");
    }

    [Fact]
    public void Existing_file_at_the_target_throws()
    {
        File.WriteAllText(Final, "a file");

        var act = () => RunDirectory.Create(Final, replace: false);

        act.Should().Throw<IOException>();
        File.ReadAllText(Final).Should().Be("a file");
    }

    [Fact]
    public void Replace_swaps_the_old_content_for_the_new()
    {
        Directory.CreateDirectory(Path.Combine(Final, "results"));
        File.WriteAllText(Path.Combine(Final, "old.txt"), "old");
        File.WriteAllText(Path.Combine(Final, "results", "site_year.csv"), "old results");

        using (var run = RunDirectory.Create(Final, replace: true))
        {
            run.Replace.Should().BeTrue();
            File.WriteAllText(run.File("results/site_year.csv"), "new results");
            File.ReadAllText(Path.Combine(Final, "old.txt")).Should().Be("old", "the old run stays until the new one commits");
            run.Commit();
        }

        File.Exists(Path.Combine(Final, "old.txt")).Should().BeFalse();
        File.ReadAllText(Path.Combine(Final, "results", "site_year.csv")).Should().Be("new results");
        Entries().Should().Equal("run");
    }

    [Fact]
    public void Replace_without_commit_keeps_the_old_content()
    {
        Directory.CreateDirectory(Final);
        File.WriteAllText(Path.Combine(Final, "old.txt"), "old");

        using (var run = RunDirectory.Create(Final, replace: true))
        {
            File.WriteAllText(run.File("new.txt"), "new");
        }

        Directory.GetFiles(Final).Select(Path.GetFileName).Should().Equal("old.txt");
        Entries().Should().Equal("run");
    }

    [Fact]
    public void Replace_when_nothing_exists_just_commits()
    {
        using var run = RunDirectory.Create(Final, replace: true);
        File.WriteAllText(run.File("x.txt"), "x");
        run.Commit();

        File.ReadAllText(Path.Combine(Final, "x.txt")).Should().Be("x");
    }

    [Fact]
    public void Missing_parent_directories_are_created_and_the_path_is_made_absolute()
    {
        var nested = Path.Combine(_parent, "a", "b", "run");

        using var run = RunDirectory.Create(nested, replace: false);
        run.Commit();

        run.FinalPath.Should().Be(Path.GetFullPath(nested));
        Directory.Exists(nested).Should().BeTrue();
    }

    [Fact]
    public void A_second_run_to_the_same_target_is_refused_while_the_first_holds_it()
    {
        using var first = RunDirectory.Create(Final, replace: false);

        var forced = () => RunDirectory.Create(Final, replace: true);
        var resumed = () => RunDirectory.Resume(Final, replace: false);

        var message = $"another climaterisk run is writing {Final} ({RunDirectory.StagingPathOf(Final)} is locked); wait for it or choose another --out.";
        forced.Should().Throw<IOException>().WithMessage(message);
        resumed.Should().Throw<IOException>().WithMessage(message);
        first.Commit();
        Entries().Should().Equal("run");
    }
}
