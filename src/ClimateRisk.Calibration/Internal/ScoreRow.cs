namespace ClimateRisk.Calibration.Internal;

/// <summary>A regression prediction read back from Microsoft.ML.</summary>
internal sealed class ScoreRow
{
    public float Score { get; set; }
}
