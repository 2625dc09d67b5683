namespace ClimateRisk.Cli.Internal;

/// <summary>The tool name and version recorded in every manifest.</summary>
internal static class ToolVersion
{
    public static string Text { get; } = "climaterisk " + typeof(ToolVersion).Assembly.GetName().Version?.ToString(3);
}
