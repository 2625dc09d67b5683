namespace ClimateRisk.Pipeline;

/// <summary>The tool name and version recorded in every manifest (the assemblies share one version, Directory.Build.props).</summary>
public static class ToolVersion
{
    /// <summary>The version, MAJOR.MINOR.PATCH.</summary>
    public static string Number { get; } = typeof(ToolVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";

    /// <summary>"climaterisk " and the version, as in manifest.json's <c>tool</c>.</summary>
    public static string Text { get; } = "climaterisk " + Number;
}
