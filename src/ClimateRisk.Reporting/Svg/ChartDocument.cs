using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ClimateRisk.Reporting.Svg;

/// <summary>
/// One chart as an SVG document: the root <c>svg</c> element with an accessible
/// <c>title</c> and <c>desc</c>, the visible title and subtitle, a legend under them, a footnote,
/// and the body area left for the panels. Ids made with <see cref="Id"/> are unique across a
/// board pack, so charts can be inlined into one HTML page.
/// </summary>
public sealed class ChartDocument
{
    private const double Margin = 14;
    private readonly XElement _defs;
    private double _top;
    private double _bottom;

    /// <summary>Starts a chart.</summary>
    /// <param name="fileStem">File name without extension; also the prefix of its ids.</param>
    /// <param name="kind">Chart kind (e.g. <c>exceedance</c>), written as <c>data-chart</c>.</param>
    /// <param name="width">Width in CSS pixels.</param>
    /// <param name="height">Height in CSS pixels.</param>
    /// <param name="title">Title (also the SVG <c>title</c>).</param>
    /// <param name="subtitle">Line under the title (what, where, which year, units).</param>
    /// <param name="note">Footnote (method, sample size, caveats); empty for none.</param>
    public ChartDocument(string fileStem, string kind, double width, double height, string title, string subtitle, string note)
    {
        ArgumentNullException.ThrowIfNull(title);
        FileStem = fileStem;
        Title = title;
        Width = width;
        Height = height;
        Root = SvgElements.Element(
            "svg",
            ("width", SvgElements.Num(width)),
            ("height", SvgElements.Num(height)),
            ("viewBox", $"0 0 {SvgElements.Num(width)} {SvgElements.Num(height)}"),
            ("role", "img"),
            ("aria-labelledby", Id("title")),
            ("class", "chart"),
            ("data-chart", kind),
            ("id", Id("chart")),
            ("font-family", ChartTheme.FontFamily),
            ("style", ChartTheme.TextStyle));
        Root.Add(SvgElements.Element("title", ("id", Id("title"))));
        Root.Element(SvgElements.Ns + "title")!.Value = title;
        var desc = SvgElements.Element("desc");
        desc.Value = subtitle + (note.Length > 0 ? " " + note : string.Empty);
        Root.Add(desc);
        _defs = SvgElements.Element("defs");
        Root.Add(_defs);
        Root.Add(SvgElements.Rect(0, 0, width, height, "#ffffff", cssClass: "background"));
        // Measured like the subtitle: a title wider than the chart (a half-page chart of a long site name) wraps.
        var titleLines = Wrap(title, width - (2 * Margin), ChartTheme.TitleSize, bold: true);
        var titleText = SvgElements.Text(Margin, Margin + 13, titleLines.Count == 1 ? title : string.Empty, ChartTheme.TitleSize, weight: "bold", cssClass: "chart-title");
        if (titleLines.Count > 1)
        {
            for (var i = 0; i < titleLines.Count; i++)
            {
                var span = SvgElements.Element("tspan", ("x", SvgElements.Num(Margin)), ("dy", i == 0 ? "0" : SvgElements.Num(ChartTheme.TitleSize * LineHeight)));
                span.Value = titleLines[i];
                titleText.Add(span);
            }
        }

        Root.Add(titleText);
        _top = Margin + 18 + ((titleLines.Count - 1) * ChartTheme.TitleSize * LineHeight);
        if (subtitle.Length > 0)
        {
            var lines = Wrap(subtitle, width - (2 * Margin), ChartTheme.SubtitleSize);
            Root.Add(Lines(Margin, _top + 13, lines, ChartTheme.SubtitleSize, "chart-subtitle"));
            _top += 19 + ((lines.Count - 1) * ChartTheme.SubtitleSize * LineHeight);
        }

        _top += 6;
        _bottom = height - Margin;
        if (note.Length > 0)
        {
            // Measured first: a note too long for one line takes two, and the body ends above them.
            var lines = Wrap(note, width - (2 * Margin), ChartTheme.NoteSize);
            var extra = (lines.Count - 1) * ChartTheme.NoteSize * LineHeight;
            Root.Add(Lines(Margin, height - 8 - extra, lines, ChartTheme.NoteSize, "chart-note"));
            _bottom = height - 22 - extra;
        }
    }

    private const double LineHeight = 1.2;

    /// <summary>File name without extension.</summary>
    public string FileStem { get; }

    /// <summary>File name.</summary>
    public string FileName => FileStem + ".svg";

    /// <summary>Title.</summary>
    public string Title { get; }

    /// <summary>Width, CSS pixels.</summary>
    public double Width { get; }

    /// <summary>Height, CSS pixels.</summary>
    public double Height { get; }

    /// <summary>The root element.</summary>
    public XElement Root { get; }

    /// <summary>The free area under title, subtitle and legend and above the note.</summary>
    public PlotArea Body => new(Margin, _top, Width - (2 * Margin), Math.Max(10, _bottom - _top));

    /// <summary>An id unique to this chart.</summary>
    public string Id(string local) => $"{FileStem}-{local}";

    /// <summary>Adds a definition (pattern, clip path).</summary>
    public void Define(XElement definition) => _defs.Add(definition);

    /// <summary>Adds an element to the chart.</summary>
    public void Add(XElement element) => Root.Add(element);

    /// <summary>Adds a legend under the subtitle; the body starts below it.</summary>
    public void AddLegend(IReadOnlyList<LegendItem> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        var (legend, height) = Legend.Build(Margin, _top, Width - (2 * Margin), items);
        Root.Add(legend);
        _top += height + 6;
    }

    /// <summary>The chart as a standalone SVG file (UTF-8, XML declaration, LF line ends).</summary>
    public string ToSvg() => Serialize(declaration: true);

    /// <summary>The chart as an inline <c>svg</c> element for HTML.</summary>
    public string ToInlineSvg() => Serialize(declaration: false);

    /// <summary>
    /// The chart as an inline <c>svg</c> element whose ids carry <paramref name="copy"/>, for a
    /// chart shown more than once on one page (ids must stay unique in an HTML document).
    /// </summary>
    public string ToInlineSvg(string copy)
    {
        var svg = Serialize(declaration: false);
        var prefix = FileStem + "-";
        return svg.Replace("id=\"" + prefix, "id=\"" + prefix + copy + "-", StringComparison.Ordinal)
            .Replace("aria-labelledby=\"" + prefix, "aria-labelledby=\"" + prefix + copy + "-", StringComparison.Ordinal)
            .Replace("url(#" + prefix, "url(#" + prefix + copy + "-", StringComparison.Ordinal);
    }

    /// <summary><paramref name="text"/> broken at spaces into lines no wider than <paramref name="maxWidth"/> (a word wider than that stands alone).</summary>
    private static List<string> Wrap(string text, double maxWidth, double size, bool bold = false)
    {
        var lines = new List<string>();
        var line = string.Empty;
        foreach (var word in text.Split(' '))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && Internal.TextMetrics.Width(candidate, size, bold) > maxWidth)
            {
                lines.Add(line);
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        lines.Add(line);
        return lines;
    }

    /// <summary>One text element; a second and further lines as tspans under the first.</summary>
    private static XElement Lines(double x, double y, List<string> lines, double size, string cssClass)
    {
        var text = SvgElements.Text(x, y, lines.Count == 1 ? lines[0] : string.Empty, size, fill: ChartTheme.Muted, cssClass: cssClass);
        if (lines.Count > 1)
        {
            for (var i = 0; i < lines.Count; i++)
            {
                var span = SvgElements.Element("tspan", ("x", SvgElements.Num(x)), ("dy", i == 0 ? "0" : SvgElements.Num(size * LineHeight)));
                span.Value = lines[i];
                text.Add(span);
            }
        }

        return text;
    }

    private string Serialize(bool declaration)
    {
        var settings = new XmlWriterSettings
        {
            OmitXmlDeclaration = !declaration,
            Indent = true,
            IndentChars = " ",
            NewLineChars = "\n",
            Encoding = new UTF8Encoding(false),
        };
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(new StringWriterUtf8(builder), settings))
        {
            Root.WriteTo(writer);
        }

        return builder.Append('\n').ToString();
    }

    private sealed class StringWriterUtf8(StringBuilder builder) : StringWriter(builder, System.Globalization.CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => new UTF8Encoding(false);
    }
}
