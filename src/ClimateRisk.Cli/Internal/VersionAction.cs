using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace ClimateRisk.Cli.Internal;

/// <summary>
/// <c>climaterisk --version</c>: the informational version of this program — the package
/// version manifests record (<see cref="Pipeline.ToolVersion"/>) and the commit it was built
/// from. (System.CommandLine's own action prints the entry assembly's, which is the test host's
/// under a test.)
/// </summary>
internal sealed class VersionAction : SynchronousCommandLineAction
{
    public static string Text { get; } = typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? Pipeline.ToolVersion.Number;

    public override int Invoke(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        parseResult.InvocationConfiguration.Output.WriteLine(Text);
        return ExitCodes.Ok;
    }
}
