using System.Diagnostics;
using ClimateRisk.Core.Simulation;
using ClimateRisk.IO.Tests.TestSupport;
using Xunit.Abstractions;

namespace ClimateRisk.IO.Tests.Mutation;

/// <summary>
/// 2,000 random mutations (fixed seed) of the bundled inputs, every CSV and YAML: loading must
/// end in an <see cref="InputException"/> or a valid model, never in any other exception; a
/// sample of the valid ones is simulated (20 paths, one horizon year) and must give finite
/// statistics. What the mutations find is written to the test output.
/// </summary>
/// <remarks>
/// What they found (seed 20240607): no unhandled exception and no non-finite number, neither
/// with this loader nor with the one before the "Trust" work (same 2,000 mutants, and 4,000
/// more with every valid one simulated). The difference was silent acceptance: of the 2,000,
/// the old loader let through 83 that are now rejected — 61 files no longer valid UTF-8 (read
/// as U+FFFD), 15 rows with more or fewer fields than the header (a broken quote or doubled
/// bytes; the first fields were taken and the rest dropped), 5 duplicate grid-year rows (one
/// silently won), 2 YAML numbers given as <c>{}</c> (the default used instead) — and it reported
/// 250 YAML mutants with the deserializer's message only, 109 of which now name their line and
/// field. With the data of that day it rejected 911 of the 2,000 (829 before). The counts move with
/// the bundled data; after the candidate sites' rows were added to the tables: 882 rejected,
/// 1,118 valid, 111 of them simulated, 0 findings (the test prints the current counts). The valid
/// ones change only free text or stay within the valid ranges.
/// Since "Trust v2" every accepted CSV mutant is also checked, with an independent reader, for a
/// site id the original does not name, a changed number of fields or a control character
/// (<see cref="SilentlyAccepted"/>): with the class 1 and 2 checks, 950 rejected, 1,050 valid
/// (105 simulated), 0 findings, about 60 s on a loaded 2-core machine.
/// </remarks>
public sealed class MutationTests(ITestOutputHelper output)
{
    private const int Mutations = 2_000;
    private const int Seed = 20_240_607;
    private const int SimulateEveryNthValid = 10;

    [Fact]
    public void Mutated_inputs_are_rejected_cleanly_or_load_and_simulate_to_finite_numbers()
    {
        using var inputs = TestInputs.Copy();
        var paths = inputs.Paths();
        var files = paths.AllFiles().ToArray();
        files.Should().HaveCount(1 + InputPaths.DataTables.Count + InputPaths.OptionalDataTables.Count + 6, "every CSV and every bundled scenario is mutated");
        var originals = files.ToDictionary(f => f, File.ReadAllBytes);
        var random = new Random(Seed);
        var settings = new SimulationSettings { Paths = 20, FirstYear = 2030, LastYear = 2030, Workers = 1, Seed = 7 };
        int rejected = 0, valid = 0, simulated = 0;
        var failures = new List<string>();
        var rejectedByFile = new Dictionary<string, int>();
        var watch = Stopwatch.StartNew();
        var simulationTime = new Stopwatch();

        for (var i = 0; i < Mutations; i++)
        {
            var file = files[random.Next(files.Length)];
            var (bytes, what) = InputMutator.Mutate(originals[file], file.EndsWith(".yaml", StringComparison.Ordinal), random);
            File.WriteAllBytes(file, bytes);
            var name = Path.GetRelativePath(inputs.Root, file);
            try
            {
                var model = InputLoader.Load(paths);
                valid++;
                if (SilentlyAccepted(originals[file], bytes, file) is { } silent)
                {
                    failures.Add($"#{i} {name}: {what}: accepted, but {silent}");
                }

                if (valid % SimulateEveryNthValid == 0)
                {
                    simulationTime.Start();
                    var result = Simulator.Run(model, settings);
                    simulationTime.Stop();
                    simulated++;
                    var bad = NonFinite(result);
                    if (bad is not null)
                    {
                        failures.Add($"#{i} {name}: {what}: loads, but the simulation gives a non-finite {bad}");
                    }
                }
            }
            catch (InputException ex)
            {
                rejected++;
                rejectedByFile[name] = rejectedByFile.GetValueOrDefault(name) + 1;
                if (ex.Errors.Count == 0 || ex.Errors.Any(e => string.IsNullOrEmpty(e.Expected)))
                {
                    failures.Add($"#{i} {name}: {what}: InputException without a structured error: {ex.Message}");
                }
            }
#pragma warning disable CA1031 // the point of the test: any other exception is a finding
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failures.Add($"#{i} {name}: {what}: {ex.GetType().Name}: {ex.Message.Split('\n')[0]}");
            }
            finally
            {
                File.WriteAllBytes(file, originals[file]);
            }
        }

        output.WriteLine($"{Mutations} mutations in {watch.Elapsed.TotalSeconds:F1} s ({simulationTime.Elapsed.TotalSeconds:F1} s simulating): {rejected} rejected with input errors, {valid} still valid ({simulated} of them simulated), {failures.Count} findings.");
        foreach (var (file, count) in rejectedByFile.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  rejected: {count,4} × {file}");
        }

        foreach (var failure in failures)
        {
            output.WriteLine("  FINDING " + failure);
        }

        failures.Should().BeEmpty();
        simulated.Should().BeGreaterThan(80, "enough valid mutations are simulated to mean something");
    }

    /// <summary>
    /// Why an accepted CSV mutant should not have been accepted, read with the independent
    /// <see cref="CsvLine"/> reader: it names a site id the original does not (a typo that would
    /// leave a site unexposed or drop a row), a line's number of fields changed (a structural
    /// character), or it holds a control character. Null when it only changed values or text,
    /// or removed or reordered whole rows.
    /// </summary>
    private static string? SilentlyAccepted(byte[] original, byte[] mutant, string file)
    {
        if (!file.EndsWith(".csv", StringComparison.Ordinal))
        {
            return null;
        }

        var before = System.Text.Encoding.UTF8.GetString(original);
        var after = System.Text.Encoding.UTF8.GetString(mutant);
        if (after.TrimStart('\uFEFF').Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) || after.TrimStart('\uFEFF').Contains('\uFEFF', StringComparison.Ordinal))
        {
            return "it holds a control character";
        }

        // Records: physical lines joined while a quoted field is open (an odd count of '"'), the
        // line break inside it replaced by a space so that CsvLine reads the record as one line.
        string[] Lines(string text)
        {
            var records = new List<string>();
            var open = string.Empty;
            foreach (var line in text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
            {
                open = open.Length == 0 ? line : open + " " + line;
                if (open.Count(c => c == '"') % 2 == 0)
                {
                    records.Add(open);
                    open = string.Empty;
                }
            }

            return [.. records.Where(l => l.Trim().Length > 0), .. open.Length > 0 ? [open] : Array.Empty<string>()];
        }
        var (a, b) = (Lines(before), Lines(after));
        var header = CsvLine.Split(a[0]).Select(h => h.Trim()).ToArray();
        var id = Array.IndexOf(header, "site_id");
        if (id >= 0)
        {
            var ids = a.Skip(1).Select(l => CsvLine.Split(l)).Where(f => f.Length > id).Select(f => f[id].Trim()).ToHashSet();
            var added = b.Skip(1).Select(l => CsvLine.Split(l)).Where(f => f.Length > id).Select(f => f[id].Trim()).FirstOrDefault(x => !ids.Contains(x));
            if (added is not null)
            {
                return $"it names site id '{added}', which the original does not";
            }
        }

        if (a.Length == b.Length)
        {
            for (var l = 0; l < a.Length; l++)
            {
                var (x, y) = (CsvLine.Spans(a[l]).Count, CsvLine.Spans(b[l]).Count);
                if (x != y)
                {
                    return $"line {l + 1} has {y} fields (was {x})";
                }
            }
        }

        return null;
    }

    private static string? NonFinite(SimulationResult result)
    {
        foreach (var cell in result.Cells)
        {
            var s = cell.Statistics;
            if (!new[] { s.Mean, s.StandardError, s.StandardDeviation, s.P5, s.P25, s.P50, s.P75, s.P95, s.P99, s.TVaR99 }.All(double.IsFinite))
            {
                return $"{cell.Metric.Name()} for {cell.EntityId} in {cell.ScenarioId} (mean {s.Mean})";
            }
        }

        foreach (var npv in result.Npv.Where(n => !double.IsFinite(n.Statistics.Mean) || !double.IsFinite(n.Statistics.StandardError)))
        {
            return $"NPV for {npv.EntityId} in {npv.ScenarioId}";
        }

        return result.Exceedance.FirstOrDefault(p => !double.IsFinite(p.LossCny)) is { } point ? $"exceedance loss for {point.EntityId} in {point.ScenarioId}" : null;
    }
}
