using System.Text;
using ClimateRisk.Reporting.Svg;
using ClimateRisk.Reporting.Svg.Internal;

namespace ClimateRisk.Reporting.BoardPack.Internal;

/// <summary>
/// The board pack's stylesheet: the embedded DejaVu Sans subsets (regular and bold, WOFF data
/// URIs, with their licence), A4 landscape pages for print, the same pages as cards on screen.
/// </summary>
internal static class PackStyle
{
    /// <summary>The stylesheet, fonts first.</summary>
    public static string Css { get; } = FontFaces() + Rules;

    private static string FontFaces()
    {
        var b = new StringBuilder();
        // The licence asks that its notice travel with every copy of the font software.
        b.Append("/* DejaVu Sans (subset, no kerning or ligatures) embedded below. Its licence:\n");
        b.Append(FontResources.Text(FontResources.Licence).Replace("*/", "* /", StringComparison.Ordinal));
        b.Append("*/\n");
        foreach (var (resource, weight) in new[] { (FontResources.Regular, "normal"), (FontResources.Bold, "bold") })
        {
            b.Append("@font-face { font-family: 'DejaVu Sans'; font-style: normal; font-weight: ").Append(weight)
                .Append("; src: url(data:font/woff;base64,").Append(Convert.ToBase64String(FontResources.Bytes(resource))).Append(") format('woff'); }\n");
        }

        return b.ToString();
    }

    private const string Rules = $$"""
@page { size: A4 landscape; margin: 10mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; font-family: {{ChartTheme.FontFamily}}; color: #222; font-size: 10.5pt; line-height: 1.35; }
svg.chart { font-kerning: none; font-variant-ligatures: none; }
body { margin: 0; background: #e9ebee; }
.page { width: 297mm; min-height: 210mm; margin: 6mm auto; padding: 10mm; background: #fff; box-shadow: 0 1px 4px rgba(0,0,0,.18); break-after: page; page-break-after: always; position: relative; }
.page:last-child { break-after: auto; page-break-after: auto; }
.page.flow { min-height: 0; }
.running { display: flex; justify-content: space-between; font-size: 8pt; color: #666; border-bottom: 1px solid #ccd3dc; padding-bottom: 1.2mm; margin-bottom: 3mm; }
.running .section { font-weight: bold; color: #1f3a5f; text-transform: uppercase; letter-spacing: .04em; }
h1 { font-size: 22pt; margin: 0 0 1.5mm; color: #1f3a5f; }
h2 { font-size: 14pt; margin: 0 0 2mm; color: #1f3a5f; }
h3 { font-size: 11pt; margin: 3mm 0 1.5mm; color: #1f3a5f; }
p { margin: 0 0 2mm; }
.lead { font-size: 11pt; margin-bottom: 1mm; }
.meta { font-size: 8.5pt; color: #555; margin-bottom: 3mm; }
.kpis { display: grid; grid-template-columns: repeat(5, 1fr); gap: 3mm; margin: 0 0 4mm; }
.kpi { border: 1px solid #ccd3dc; border-top: 4px solid #1f3a5f; padding: 2.5mm 3mm; background: #f7f9fb; break-inside: avoid; }
.kpi .q { font-size: 8.5pt; color: #444; font-weight: bold; min-height: 8mm; }
.kpi .v.text { font-size: 13pt; }
.kpi .v { font-size: 16pt; font-weight: bold; color: #1f3a5f; margin: 1.5mm 0; line-height: 1.15; }
.kpi .d { font-size: 7.6pt; color: #444; line-height: 1.25; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 0 0 3mm; }
th, td { border-bottom: 1px solid #dde2e8; padding: 1.1mm 1.6mm; text-align: left; vertical-align: top; }
th { background: #1f3a5f; color: #fff; font-weight: bold; }
td.num { text-align: right; white-space: nowrap; }
th.num { text-align: right; }
code { word-break: break-all; font-size: 95%; }
.chips { white-space: nowrap; }
tbody tr:nth-child(even) td { background: #f6f8fa; }
table.small { font-size: 7.8pt; }
table.sources td:first-child { width: 48mm; }
ul { margin: 0 0 2mm 5mm; padding-left: 3mm; }
li { margin-bottom: 1mm; }
figure { margin: 0 0 2mm; break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; }
figcaption { font-size: 8pt; color: #555; margin-top: .5mm; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 5mm; align-items: start; }
.half svg { max-height: 128mm; }
figure.tornado svg { width: auto; max-width: 100%; max-height: 56mm; }
/* Pages must not overflow in print: the tallest figures are capped (the SVG keeps its aspect ratio). */
figure.headline svg { width: auto; max-width: 100%; height: auto; max-height: 62mm; }
/* A site page: two half-page charts drawn for a half-page column (560 px ≈ 136 mm), then the register rows. */
.site-charts { gap: 4mm; }
.site-charts figure { margin-bottom: 1mm; }
figure.pue-wide svg { width: auto; max-width: 100%; height: auto; max-height: 88mm; }
figure.capped svg { width: auto; max-width: 100%; height: auto; max-height: 62mm; }
ul.messages li { font-size: 9pt; margin-bottom: .5mm; }
#appendix li { font-size: 8.8pt; margin-bottom: .5mm; }
table.glance td:first-child, table.pue td:first-child { white-space: nowrap; }
.rating { display: inline-block; min-width: 7mm; text-align: center; padding: 0 1mm; border-radius: 1mm; font-weight: bold; border: 1px solid #bbb; }
.facts { display: grid; grid-template-columns: 1fr 1fr; gap: 0 4mm; font-size: 8pt; margin-bottom: 2mm; }
.facts .wide { grid-column: 1 / -1; }
.site-charts .facts { grid-auto-flow: row dense; font-size: 7.6pt; }
.site-charts .facts div { padding: .35mm 0; }
.facts div { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
table.site-risks td:nth-child(1) { width: 12mm; white-space: nowrap; }
table.site-risks td:nth-child(2) { width: 52mm; }
table.site-risks td:nth-child(3) { width: 46mm; }
table.site-risks td:nth-child(4) { width: 24mm; }
table.site-risks th { white-space: nowrap; }
table.site-risks { font-size: 7.4pt; }
.facts div { border-bottom: 1px dotted #ccd3dc; padding: .6mm 0; }
.facts b { color: #1f3a5f; }
.quote { color: #555; }
.note { font-size: 8pt; color: #555; }
pre { font-size: 7.5pt; white-space: pre-wrap; word-break: break-all; background: #f6f8fa; padding: 2mm; border: 1px solid #dde2e8; }
@media print {
  body { background: none; }
  .page { width: auto; min-height: 0; margin: 0; padding: 0; box-shadow: none; }
}
""";
}
