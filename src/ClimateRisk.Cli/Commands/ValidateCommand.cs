using System.CommandLine;
using ClimateRisk.Cli.Internal;
using ClimateRisk.IO;
using ClimateRisk.Pipeline;
using ClimateRisk.Reporting;

namespace ClimateRisk.Cli.Commands;

/// <summary><c>climaterisk validate</c>: checks every input file without simulating.</summary>
internal static class ValidateCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var inputs = new InputOptions();
        var command = new Command("validate", "Check the inputs (sites, scenarios, tables) without simulating.");
        inputs.AddTo(command);
        command.SetAction(parse => Execute(parse.GetValue(inputs.Data), parse.GetValue(inputs.Sites), parse.GetValue(inputs.Scenarios) ?? [], output, error, parse.GetValue(inputs.PueResponse)));
        return command;
    }

    public static int Execute(string? data, string? sites, IReadOnlyList<string> scenarios, TextWriter output, TextWriter error, string? pueResponse = null)
    {
        try
        {
            var paths = InputResolver.Resolve(data, sites, scenarios, pueResponse);
            var model = InputLoader.Load(paths);
            var sources = ReportSources.Load(paths, model.Sites);
            output.WriteLine($"OK: {model.Sites.Count} sites, {model.Scenarios.Count} scenarios, {paths.AllFiles().Count()} files checked, {sources.Controls.Count} disclosed controls.");

            ScenarioDefaultsEcho.Write(paths.ScenarioFiles, output);

            // Zero loss from a hazard is only right if the site truly does not face it: show it.
            var gaps = ExposureGap.Of(model.Sites, paths.DataDirectory);
            if (gaps.Count > 0)
            {
                output.WriteLine("Sites without a row in an optional hazard table count as not exposed (add the row if the site does face the hazard):");
                foreach (var gap in gaps)
                {
                    output.WriteLine($"  {gap}");
                }
            }
            return ExitCodes.Ok;
        }
        catch (InputException ex)
        {
            error.WriteLine(ex.Message);
            return ExitCodes.BadInput;
        }
    }
}
