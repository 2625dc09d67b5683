namespace ClimateRisk.Reporting.Register.Internal;

/// <summary>Value types of register columns.</summary>
internal enum RegisterCellKind
{
    /// <summary>Text.</summary>
    Text,

    /// <summary>Long text, wrapped in the XLSX.</summary>
    LongText,

    /// <summary>Score 1–5.</summary>
    Score,

    /// <summary>Rating 1–25, coloured by band in the XLSX.</summary>
    Rating,

    /// <summary>A whole year.</summary>
    Year,

    /// <summary>Whole CNY.</summary>
    Money,

    /// <summary>A probability 0–1.</summary>
    Probability,
}
