namespace ClimateRisk.Calibration.Internal;

/// <summary>One reading as Microsoft.ML sees it (single precision is its native type).</summary>
internal sealed class TelemetryRow
{
    public float Temperature { get; set; }

    public float LoadShare { get; set; }

    public float Label { get; set; }
}
