namespace ClimateRisk.Reporting.BoardPack;

/// <summary>One of the headline numbers on the board pack's first page.</summary>
/// <param name="Question">The board's question it answers.</param>
/// <param name="Value">The number, as shown.</param>
/// <param name="Detail">One or two lines of context: scenario, comparison, caveat.</param>
public sealed record KeyFigure(string Question, string Value, string Detail);
