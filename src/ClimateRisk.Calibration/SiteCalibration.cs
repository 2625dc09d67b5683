namespace ClimateRisk.Calibration;

/// <summary>One site's learned PUE response and how well it fits (<see cref="PueCalibrator"/>).</summary>
public sealed record SiteCalibration
{
    /// <summary>The site's id.</summary>
    public required string SiteId { get; init; }

    /// <summary>Readings used.</summary>
    public required int Readings { get; init; }

    /// <summary>First and last reading.</summary>
    public required (DateTimeOffset First, DateTimeOffset Last) Period { get; init; }

    /// <summary>Calendar months with readings (the leave-one-month-out folds).</summary>
    public required int Months { get; init; }

    /// <summary>Median IT power, kW: the load at which the response is given (load share 1).</summary>
    public required double MedianItKw { get; init; }

    /// <summary>Lowest and highest outdoor temperature in the data, °C: the table is flat outside.</summary>
    public required (double Min, double Max) DataRangeC { get; init; }

    /// <summary>The 1st and 99th percentile of outdoor temperature, °C: where the data is dense.</summary>
    public required (double P1, double P99) DenseRangeC { get; init; }

    /// <summary>Table temperatures, °C.</summary>
    public required IReadOnlyList<double> TemperatureC { get; init; }

    /// <summary>GAM response at the median load at <see cref="TemperatureC"/> (flat outside <see cref="DataRangeC"/>).</summary>
    public required IReadOnlyList<double> Pue { get; init; }

    /// <summary>FastTree response at the median load at <see cref="TemperatureC"/> (the cross-check).</summary>
    public required IReadOnlyList<double> TreePue { get; init; }

    /// <summary>GAM fit, leave-one-month-out; null when validation was skipped.</summary>
    public FitMetrics? Gam { get; init; }

    /// <summary>FastTree fit, leave-one-month-out; null when validation was skipped.</summary>
    public FitMetrics? Tree { get; init; }

    /// <summary>Largest |GAM − FastTree| of the response inside the dense range, PUE.</summary>
    public double MaxCurveGap
    {
        get
        {
            var gap = 0.0;
            for (var i = 0; i < TemperatureC.Count; i++)
            {
                if (TemperatureC[i] >= DenseRangeC.P1 && TemperatureC[i] <= DenseRangeC.P99)
                {
                    gap = Math.Max(gap, Math.Abs(Pue[i] - TreePue[i]));
                }
            }

            return gap;
        }
    }

    /// <summary>A thinned sample of the readings for the chart: outdoor temperature, °C, and PUE.</summary>
    public required IReadOnlyList<(double TemperatureC, double Pue)> Cloud { get; init; }
}
