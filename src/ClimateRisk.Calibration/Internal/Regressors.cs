using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace ClimateRisk.Calibration.Internal;

/// <summary>
/// Microsoft.ML fits of PUE on outdoor temperature and load share: the GAM (an additive shape
/// function per feature, so the temperature response is read off directly) and FastTree
/// (boosted trees, free to find interactions) as a cross-check. Each fit gets its own
/// <see cref="MLContext"/> with the fixed seed and one thread, so it is deterministic and does
/// not depend on what was trained before.
/// </summary>
internal static class Regressors
{
    private const string Features = "Features";

    public static TransformerChain<ITransformer> Gam(IReadOnlyList<TelemetryRow> rows, CalibrationOptions options)
    {
        var ml = new MLContext(options.Seed);
        var trainer = ml.Regression.Trainers.Gam(new GamRegressionTrainer.Options
        {
            LabelColumnName = nameof(TelemetryRow.Label),
            FeatureColumnName = Features,
            NumberOfIterations = options.GamIterations,
            LearningRate = options.GamLearningRate,
            MaximumBinCountPerFeature = options.MaxBinsPerFeature,
            NumberOfThreads = 1,
            Seed = options.Seed,
        });
        return Fit(ml, rows, trainer);
    }

    public static TransformerChain<ITransformer> Tree(IReadOnlyList<TelemetryRow> rows, CalibrationOptions options)
    {
        var ml = new MLContext(options.Seed);
        var trainer = ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
        {
            LabelColumnName = nameof(TelemetryRow.Label),
            FeatureColumnName = Features,
            NumberOfTrees = options.TreeCount,
            NumberOfLeaves = options.TreeLeaves,
            MinimumExampleCountPerLeaf = 20,
            MaximumBinCountPerFeature = options.MaxBinsPerFeature,
            NumberOfThreads = 1,
            Seed = options.Seed,
            FeatureSelectionSeed = options.Seed,
        });
        return Fit(ml, rows, trainer);
    }

    /// <summary>Predicted PUE of <paramref name="rows"/> (their labels are ignored).</summary>
    public static double[] Predict(ITransformer model, IReadOnlyList<TelemetryRow> rows, int seed)
    {
        var ml = new MLContext(seed);
        var scored = model.Transform(ml.Data.LoadFromEnumerable(rows));
        return ml.Data.CreateEnumerable<ScoreRow>(scored, reuseRowObject: false).Select(s => (double)s.Score).ToArray();
    }

    private static TransformerChain<ITransformer> Fit(MLContext ml, IReadOnlyList<TelemetryRow> rows, IEstimator<ITransformer> trainer)
    {
        var data = ml.Data.LoadFromEnumerable(rows);
        var pipeline = ml.Transforms.Concatenate(Features, nameof(TelemetryRow.Temperature), nameof(TelemetryRow.LoadShare)).Append(trainer);
        return pipeline.Fit(data);
    }
}
