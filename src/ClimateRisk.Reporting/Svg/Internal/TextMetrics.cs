namespace ClimateRisk.Reporting.Svg.Internal;

/// <summary>
/// Approximate text widths for layout (SVG cannot measure text before a browser renders it):
/// average advance widths of a Helvetica/Arial-like sans-serif, CJK characters full width.
/// </summary>
internal static class TextMetrics
{
    public static double Width(string text, double fontSize)
    {
        var em = 0.0;
        foreach (var c in text)
        {
            em += c switch
            {
                >= '\u2E80' => 1.0,
                'i' or 'j' or 'l' or '.' or ',' or ':' or ';' or '\'' or '|' or '!' or ' ' => 0.28,
                'f' or 't' or 'r' or '(' or ')' or '[' or ']' or '-' or '/' => 0.36,
                'm' or 'w' or 'M' or 'W' or '%' or '@' => 0.86,
                >= 'A' and <= 'Z' => 0.66,
                >= '0' and <= '9' => 0.56,
                _ => 0.53,
            };
        }

        return em * fontSize;
    }
}
