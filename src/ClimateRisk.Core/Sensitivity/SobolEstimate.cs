namespace ClimateRisk.Core.Sensitivity;

/// <summary>
/// First-order and total Sobol indices of one input group for one output, each with its
/// standard error (delta method, see <see cref="SobolEstimator"/>). NaN where the output does
/// not vary, so no share of its variance can be attributed.
/// </summary>
/// <param name="FirstOrder">S_i = Var(E[Y | X_i]) / Var(Y).</param>
/// <param name="FirstOrderSe">Standard error of <paramref name="FirstOrder"/>.</param>
/// <param name="Total">S_Ti = E[Var(Y | X_~i)] / Var(Y).</param>
/// <param name="TotalSe">Standard error of <paramref name="Total"/>.</param>
public readonly record struct SobolEstimate(double FirstOrder, double FirstOrderSe, double Total, double TotalSe)
{
    /// <summary>The estimate of an output that does not vary.</summary>
    public static SobolEstimate Undefined { get; } = new(double.NaN, double.NaN, double.NaN, double.NaN);
}
