using System.Globalization;
using ClimateRisk.Reporting.Register.Internal;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ClimateRisk.Reporting.Register;

/// <summary>
/// Writes the register as an Excel workbook (DocumentFormat.OpenXml): sheet "Register" with the
/// CSV's columns as typed cells (numbers as numbers with formats: whole CNY, percentages,
/// scores), a bold header row, frozen panes on the header and the risk id, column widths,
/// an auto-filter and ratings filled with their band colour; sheet "Scales" explains the scoring.
/// </summary>
public static class RegisterXlsxWriter
{
    // Cell formats (indices into cellXfs).
    private const uint StyleText = 0;
    private const uint StyleHeader = 1;
    private const uint StyleWrap = 2;
    private const uint StyleScore = 3;
    private const uint StyleMoney = 4;
    private const uint StylePercent = 5;
    private const uint StyleYear = 6;
    private const uint StyleRatingLow = 7; // + band index 0..3
    private const uint StyleTitle = 11;

    /// <summary>Writes <paramref name="register"/> to the file <paramref name="path"/> (replaced if present).</summary>
    public static void Write(RiskRegister register, string path)
    {
        ArgumentNullException.ThrowIfNull(register);
        // The package needs a seekable read-write stream; the register is small, so it is built
        // in memory and written through OutputFile like every other output (one failure path).
        using var package = new MemoryStream();
        Write(register, package);
        ClimateRisk.IO.OutputFile.WriteAllBytes(path, package.GetBuffer().AsSpan(0, (int)package.Length));
    }

    /// <summary>Writes <paramref name="register"/> to a seekable, writable stream.</summary>
    public static void Write(RiskRegister register, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(register);
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook();
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
        styles.Stylesheet.Save();

        var sheets = new Sheets();
        var registerPart = workbookPart.AddNewPart<WorksheetPart>();
        registerPart.Worksheet = RegisterSheet(register);
        sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(registerPart), SheetId = 1, Name = "Register" });

        var scalesPart = workbookPart.AddNewPart<WorksheetPart>();
        scalesPart.Worksheet = ScalesSheet();
        sheets.Append(new Sheet { Id = workbookPart.GetIdOfPart(scalesPart), SheetId = 2, Name = "Scales" });

        workbookPart.Workbook.Append(sheets);
        var columnCount = RegisterTable.Columns(register).Count;
        workbookPart.Workbook.Append(new DefinedNames(new DefinedName($"Register!$A$1:${ColumnName(columnCount)}${register.Rows.Count + 1}")
        {
            Name = "_xlnm._FilterDatabase",
            LocalSheetId = 0,
            Hidden = true,
        }));
        workbookPart.Workbook.Save();
    }

    private static Worksheet RegisterSheet(RiskRegister register)
    {
        var columns = RegisterTable.Columns(register);
        var worksheet = new Worksheet();
        worksheet.Append(new SheetViews(new SheetView(
            new Pane { HorizontalSplit = 1D, VerticalSplit = 1D, TopLeftCell = "B2", ActivePane = PaneValues.BottomRight, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.TopRight },
            new Selection { Pane = PaneValues.BottomLeft },
            new Selection { Pane = PaneValues.BottomRight, ActiveCell = "B2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "B2" } })
        { WorkbookViewId = 0U }));
        worksheet.Append(new SheetFormatProperties { DefaultRowHeight = 15D });
        var cols = new Columns();
        for (var i = 0; i < columns.Count; i++)
        {
            cols.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = columns[i].Width, CustomWidth = true });
        }

        worksheet.Append(cols);
        var data = new SheetData();
        var header = new Row { RowIndex = 1U };
        for (var i = 0; i < columns.Count; i++)
        {
            header.Append(TextCell(i, 1, columns[i].Name, StyleHeader));
        }

        data.Append(header);
        var r = 2U;
        foreach (var row in register.Rows)
        {
            var line = new Row { RowIndex = r };
            for (var i = 0; i < columns.Count; i++)
            {
                var column = columns[i];
                var value = column.Value(row);
                line.Append(column.Kind switch
                {
                    RegisterCellKind.Text => TextCell(i, r, (string)value, StyleText),
                    RegisterCellKind.LongText => TextCell(i, r, (string)value, StyleWrap),
                    RegisterCellKind.Score => NumberCell(i, r, (int)value, StyleScore),
                    RegisterCellKind.Year => NumberCell(i, r, (int)value, StyleYear),
                    RegisterCellKind.Rating => NumberCell(i, r, (int)value, StyleRatingLow + (uint)RiskScoring.BandIndex((int)value)),
                    RegisterCellKind.Money => NumberCell(i, r, (double)value, StyleMoney),
                    _ => NumberCell(i, r, (double)value, StylePercent),
                });
            }

            data.Append(line);
            r++;
        }

        worksheet.Append(data);
        worksheet.Append(new AutoFilter { Reference = $"A1:{ColumnName(columns.Count)}{register.Rows.Count + 1}" });
        worksheet.Append(new PageMargins { Left = 0.4D, Right = 0.4D, Top = 0.5D, Bottom = 0.5D, Header = 0.3D, Footer = 0.3D });
        worksheet.Append(new PageSetup { Orientation = OrientationValues.Landscape, PaperSize = 9U });
        return worksheet;
    }

    private static Worksheet ScalesSheet()
    {
        string[][] lines =
        [
            ["Risk register scales (MODEL §13)", string.Empty],
            ["Likelihood", "Annual probability of a material impact (P(value > materiality threshold of data/register/thresholds.csv))"],
            ["1", "< 1 %"],
            ["2", "1–5 %"],
            ["3", "5–20 %"],
            ["4", "20–50 %"],
            ["5", "≥ 50 %"],
            ["Impact", "P95 annual financial effect against the impact bounds of data/register/thresholds.csv"],
            ["1", "below the impact-2 bound (site CNY 5 m, portfolio CNY 50 m in the bundled thresholds)"],
            ["2–5", "from the impact2 … impact5 bounds (site 5 / 20 / 70 / 350 m; portfolio 50 / 200 / 700 / 3,500 m)"],
            ["Rating", "likelihood × impact: low 1–4, moderate 5–9, high 10–16, very high 20–25"],
            ["Horizon", "the first reporting horizon (2030 short, 2040 medium, 2050 long) at which the risk reaches its highest rating in any scenario; all figures of the row are for that year"],
            ["Two-metric risks", "mean = sum of means; P95 = sum of P95s (exact when direct damage and BI move with the same event); probability = largest component probability (a lower bound)"],
        ];
        var worksheet = new Worksheet();
        worksheet.Append(new Columns(
            new Column { Min = 1U, Max = 1U, Width = 18D, CustomWidth = true },
            new Column { Min = 2U, Max = 2U, Width = 120D, CustomWidth = true }));
        var data = new SheetData();
        for (var i = 0; i < lines.Length; i++)
        {
            var index = (uint)(i + 1);
            var style = i == 0 ? StyleTitle : lines[i][0].Length > 3 ? StyleHeader : StyleText;
            data.Append(new Row(TextCell(0, index, lines[i][0], style), TextCell(1, index, lines[i][1], StyleWrap)) { RowIndex = index });
        }

        worksheet.Append(data);
        return worksheet;
    }

    private static Cell TextCell(int column, uint row, string text, uint style)
        => new(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve }))
        {
            CellReference = ColumnName(column + 1) + row.ToString(CultureInfo.InvariantCulture),
            DataType = CellValues.InlineString,
            StyleIndex = style,
        };

    private static Cell NumberCell(int column, uint row, double value, uint style)
        => new()
        {
            CellReference = ColumnName(column + 1) + row.ToString(CultureInfo.InvariantCulture),
            DataType = CellValues.Number,
            CellValue = new CellValue(RegisterTable.Text(value)),
            StyleIndex = style,
        };

    private static Cell NumberCell(int column, uint row, int value, uint style)
        => new()
        {
            CellReference = ColumnName(column + 1) + row.ToString(CultureInfo.InvariantCulture),
            DataType = CellValues.Number,
            CellValue = new CellValue(value.ToString(CultureInfo.InvariantCulture)),
            StyleIndex = style,
        };

    /// <summary>Spreadsheet column name of a 1-based column number (1 → A, 27 → AA).</summary>
    internal static string ColumnName(int number)
    {
        var name = string.Empty;
        while (number > 0)
        {
            var m = (number - 1) % 26;
            name = (char)('A' + m) + name;
            number = (number - 1) / 26;
        }

        return name;
    }

    private static Stylesheet Stylesheet()
    {
        var numberingFormats = new NumberingFormats(
            new NumberingFormat { NumberFormatId = 164U, FormatCode = "#,##0" },
            new NumberingFormat { NumberFormatId = 165U, FormatCode = "0.0%" },
            new NumberingFormat { NumberFormatId = 166U, FormatCode = "0" })
        { Count = 3U };
        var fonts = new Fonts(
            new Font(new FontSize { Val = 10D }, new FontName { Val = "Arial" }),
            new Font(new Bold(), new FontSize { Val = 10D }, new Color { Rgb = "FFFFFFFF" }, new FontName { Val = "Arial" }),
            new Font(new Bold(), new FontSize { Val = 10D }, new FontName { Val = "Arial" }),
            new Font(new Bold(), new FontSize { Val = 10D }, new Color { Rgb = "FFFFFFFF" }, new FontName { Val = "Arial" }),
            new Font(new Bold(), new FontSize { Val = 13D }, new FontName { Val = "Arial" }))
        { Count = 5U };
        var fills = new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            SolidFill("FF1F3A5F"))
        { Count = 3U };
        foreach (var colour in RiskScoring.BandColours)
        {
            fills.Append(SolidFill("FF" + colour.TrimStart('#').ToUpperInvariant()));
        }

        fills.Count = (uint)fills.ChildElements.Count;
        var borders = new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder())) { Count = 1U };
        var cellStyleFormats = new CellStyleFormats(new CellFormat { NumberFormatId = 0U, FontId = 0U, FillId = 0U, BorderId = 0U }) { Count = 1U };
        var cellFormats = new CellFormats(
            Xf(0, 0, 0, alignment: new Alignment { Vertical = VerticalAlignmentValues.Top }),
            Xf(0, 1, 2, alignment: new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = true }),
            Xf(0, 0, 0, alignment: new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = true }),
            Xf(166, 0, 0, alignment: new Alignment { Vertical = VerticalAlignmentValues.Top, Horizontal = HorizontalAlignmentValues.Center }),
            Xf(164, 0, 0, alignment: new Alignment { Vertical = VerticalAlignmentValues.Top }),
            Xf(165, 0, 0, alignment: new Alignment { Vertical = VerticalAlignmentValues.Top }),
            Xf(166, 0, 0, alignment: new Alignment { Vertical = VerticalAlignmentValues.Top }),
            Xf(166, 2, 3, alignment: new Alignment { Vertical = VerticalAlignmentValues.Top, Horizontal = HorizontalAlignmentValues.Center }),
            Xf(166, 2, 4, alignment: new Alignment { Vertical = VerticalAlignmentValues.Top, Horizontal = HorizontalAlignmentValues.Center }),
            Xf(166, 2, 5, alignment: new Alignment { Vertical = VerticalAlignmentValues.Top, Horizontal = HorizontalAlignmentValues.Center }),
            Xf(166, 3, 6, alignment: new Alignment { Vertical = VerticalAlignmentValues.Top, Horizontal = HorizontalAlignmentValues.Center }),
            Xf(0, 4, 0, alignment: null))
        { Count = 12U };
        var cellStyles = new CellStyles(new CellStyle { Name = "Normal", FormatId = 0U, BuiltinId = 0U }) { Count = 1U };
        return new Stylesheet(numberingFormats, fonts, fills, borders, cellStyleFormats, cellFormats, cellStyles);
    }

    private static Fill SolidFill(string argb)
        => new(new PatternFill(new ForegroundColor { Rgb = argb }, new BackgroundColor { Indexed = 64U }) { PatternType = PatternValues.Solid });

    private static CellFormat Xf(uint numberFormat, uint font, uint fill, Alignment? alignment)
    {
        var format = new CellFormat
        {
            NumberFormatId = numberFormat,
            FontId = font,
            FillId = fill,
            BorderId = 0U,
            FormatId = 0U,
            ApplyNumberFormat = numberFormat != 0,
            ApplyFont = font != 0,
            ApplyFill = fill != 0,
        };
        if (alignment is not null)
        {
            format.Append(alignment);
            format.ApplyAlignment = true;
        }

        return format;
    }
}
