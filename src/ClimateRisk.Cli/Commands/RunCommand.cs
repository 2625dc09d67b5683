using System.CommandLine;
using System.Globalization;
using ClimateRisk.Cli.Internal;
using ClimateRisk.IO;
using ClimateRisk.Pipeline;
using Spectre.Console;

namespace ClimateRisk.Cli.Commands;

/// <summary>
/// <c>climaterisk run</c>: parses the options and shows a <see cref="RunPipeline"/>, which simulates the portfolio under the scenarios and writes the run
/// directory (manifest.json, results/*.csv, charts/*.svg, register/, board-pack.html). With no
/// options: the bundled seed portfolio under every bundled scenario. Scenarios run one at a time
/// and each finished one is kept in the staging directory, so an interrupted run can
/// <c>--resume</c>.
/// </summary>
internal static class RunCommand
{
    public static Command Create(IAnsiConsole console, TextWriter output, TextWriter error, CancellationToken stop)
    {
        var inputs = new InputOptions();
        var simulation = new SimulationOptions(defaultPaths: SimulationOptions.Defaults.Paths, command: "run");
        simulation.Force.Description = "Replace an existing --out, or start an interrupted one again.";

        // Descriptions, help names and defaults are those of README.md's table of run options
        // (RunOptionsReadmeTests keeps them equal).
        var resume = new Option<string?>("--resume") { Description = "Finish the interrupted run of DIR (its --out): same options and inputs required, finished scenarios kept.", HelpName = "DIR" };
        var replay = new Option<string?>("--replay") { Description = "Reproduce the run of a manifest.json byte for byte (refused if an input file changed).", HelpName = "FILE" };
        var targetRse = new Option<double?>("--target-rse") { Description = "Double the paths from --paths until every headline RSE (se/|mean|) ≤ R, e.g. 0.01.", HelpName = "R" };
        var maxPaths = new Option<int>("--max-paths")
        {
            Description = "Path cap of --target-rse (lower if the paths would not fit in half the memory; reported).",
            HelpName = "N",
            DefaultValueFactory = _ => RunRequest.DefaultMaxPaths,
        };
        var sensitivity = new Option<string?>("--sensitivity")
        {
            Description = "Sobol indices of every headline into results/sensitivity.csv and the board pack's tornado charts (pick-freeze on paths/52 base rows; at most +25 % run time; not under --shard) (default: on from 2,000 paths).",
            HelpName = "on|off",
        };
        sensitivity.AcceptOnlyFromAmong("on", "off");
        var shard = new Option<string?>("--shard") { Description = "Simulate only shard i of n (0-based) of the paths (or auto under a Kubernetes Indexed Job or Slurm array); combine with merge.", HelpName = "i/n" };
        var noPdf = new Option<bool>("--no-pdf") { Description = "Do not print board-pack.pdf (printed with headless Chromium when installed, about 30–80 s; without Chromium the run says so and goes on)." };
        var command = new Command("run", "Simulate the portfolio under the scenarios and write the results.");
        inputs.AddTo(command);
        simulation.AddTo(command);
        command.Options.Add(resume);
        command.Options.Add(replay);
        command.Options.Add(targetRse);
        command.Options.Add(maxPaths);
        command.Options.Add(shard);
        command.Options.Add(sensitivity);
        command.Options.Add(noPdf);
        command.SetAction(parse =>
        {
            if (parse.GetValue(replay) is not null)
            {
                // A replay takes all of these from the manifest; silently overriding one would not
                // reproduce the run. (--out, --force, --workers and --resume of an interrupted replay are fine.)
                Option[] fromManifest = [inputs.Data, inputs.Sites, inputs.Scenarios, simulation.Paths, simulation.Seed, simulation.Years, targetRse, maxPaths];
                var given = fromManifest.Where(o => parse.GetResult(o) is { Implicit: false }).Select(o => o.Name).ToArray();
                if (given.Length > 0)
                {
                    error.WriteLine($"error: --replay takes the settings and inputs from the manifest; drop {string.Join(", ", given)}.");
                    return ExitCodes.BadInput;
                }
            }

            if (parse.GetResult(maxPaths) is { Implicit: false } && parse.GetValue(targetRse) is null && parse.GetValue(replay) is null)
            {
                // Ignoring it would let a user believe the run was capped or converged.
                error.WriteLine("error: --max-paths caps the doubling of --target-rse; give --target-rse R as well, or drop --max-paths (the paths are then --paths).");
                return ExitCodes.BadInput;
            }

            return Execute(
                simulation.Read(parse, inputs, new RunRequest
                {
                    Resume = parse.GetValue(resume),
                    Replay = parse.GetValue(replay),
                    TargetRse = parse.GetValue(targetRse),
                    MaxPaths = parse.GetValue(maxPaths),
                    Shard = parse.GetValue(shard),
                    Sensitivity = parse.GetValue(sensitivity) switch { "on" => true, "off" => false, _ => null },
                    PrintPdf = !parse.GetValue(noPdf),
                }),
                console,
                output,
                error,
                stop);
        });
        return command;
    }

    /// <summary>Runs <paramref name="request"/> through the <see cref="RunPipeline"/>; returns the process exit code.</summary>
    public static int Execute(RunRequest request, IAnsiConsole console, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        RunPipeline pipeline;
        try
        {
            pipeline = RunPipeline.Open(request);
        }
        catch (Exception ex) when (ex is InputException or RunRefusedException)
        {
            error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }

        using (pipeline)
        {
            RunOutcome outcome;
            try
            {
                outcome = pipeline.Execute(new ConsoleObserver(console, output), cancellationToken);
            }
            catch (RunStoppedException ex)
            {
                error.WriteLine(ex.Message);
                return ExitCodes.Failure;
            }

            if (pipeline.Shard is not null)
            {
                output.WriteLine($"Shard written to {outcome.OutPath}; combine all shards with 'climaterisk merge'.");
                return ExitCodes.Ok;
            }

            output.WriteLine($"Simulated in {outcome.Elapsed.TotalSeconds:F1} s; results in {outcome.OutPath}");
            WriteConvergence(output, pipeline.Request.TargetRse, outcome.Manifest.Convergence);
            if (outcome.Simulated is { } simulated)
            {
                RunSummary.Write(simulated, output);
            }

            RunSummary.WriteSensitivity(outcome.Sensitivity, outcome.SensitivityIndices, output);
            ScenarioDefaultsEcho.Write(pipeline.Inputs.ScenarioFiles, output);

            if (pipeline.ResumedScenarios.Count > 0)
            {
                output.WriteLine($"({string.Join(", ", pipeline.ResumedScenarios)}: finished by the interrupted run; their numbers are in the results files.)");
            }
        }

        return ExitCodes.Ok;
    }

    private static void WriteConvergence(TextWriter output, double? target, IReadOnlyList<ScenarioConvergence>? convergence)
    {
        if (target is null || convergence is null)
        {
            return;
        }

        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"Convergence (headline RSE target {target}; results/convergence.csv):"));
        foreach (var c in convergence)
        {
            var state = c.Converged == true
                ? string.Create(inv, $"converged at {c.Paths:N0} paths")
                : string.Create(inv, $"NOT converged: stopped at {c.Paths:N0} paths ({(c.CapReason == "memory" ? "the memory limit" : "the --max-paths cap")})");
            output.WriteLine(string.Create(inv, $"  {c.Scenario,-32} {state}; worst RSE {c.WorstRse:0.0000} ({c.WorstMetric})"));
        }
    }
}
