using ClimateRisk.Core.Sensitivity;
using ClimateRisk.IO.Internal;

namespace ClimateRisk.IO;

/// <summary>
/// results/sensitivity.csv: the Sobol indices of the headlines (docs/model.md, "Sensitivity").
/// Same conventions as <see cref="ResultsWriter"/>: UTF-8 without BOM, LF, invariant culture,
/// shortest round-trip numbers, empty where an index is undefined (an output that does not vary).
/// </summary>
public static class SensitivityWriter
{
    /// <summary>The file name in results/.</summary>
    public const string FileName = "sensitivity.csv";

    /// <summary>The header row.</summary>
    public const string Header = "scenario,entity,metric,horizon,driver,first_order,first_order_se,total,total_se";

    /// <summary>Writes the rows of <paramref name="indices"/> in their order, after the header.</summary>
    public static void Write(IEnumerable<SensitivityIndex> indices, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(indices);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(Header + "\n");
        foreach (var i in indices)
        {
            var e = i.Estimate;
            writer.Write($"{CsvText.Field(i.ScenarioId)},{CsvText.Field(i.EntityId)},{i.Metric},{i.Horizon},{i.Driver.Name()},"
                + $"{CsvText.Number(e.FirstOrder)},{CsvText.Number(e.FirstOrderSe)},{CsvText.Number(e.Total)},{CsvText.Number(e.TotalSe)}\n");
        }
    }

    /// <summary>Writes results/sensitivity.csv as a new file in <paramref name="directory"/> (never over an existing one).</summary>
    public static void Write(IEnumerable<SensitivityIndex> indices, string directory)
        => TextFile.CreateNew(Path.Combine(directory, FileName), w => Write(indices, w));
}
