using ClimateRisk.IO.Internal;

namespace ClimateRisk.IO.Tests.Internal;

/// <summary>CsvRecordReader: RFC 4180 records with the line each starts on.</summary>
public sealed class CsvRecordReaderTests
{
    private static string[] Lines(List<CsvRow> records) => records.Select(r => $"{r.Line}:{string.Join("|", r.Fields)}").ToArray();

    [Fact]
    public void Plain_records_with_line_numbers()
    {
        var records = CsvRecordReader.Parse("a,b,c\n1,2,3\n4,5,6\n", ',');

        Lines(records).Should().Equal("1:a|b|c", "2:1|2|3", "3:4|5|6");
    }

    [Fact]
    public void Quoted_field_with_commas_is_one_field()
    {
        var records = CsvRecordReader.Parse("id,source\nx,\"seed:kingsoft l.201, l.1259; assumption: a, b\"\n", ',');

        records[1].Fields.Should().Equal("x", "seed:kingsoft l.201, l.1259; assumption: a, b");
    }

    [Fact]
    public void Doubled_quotes_are_one_quote()
    {
        var records = CsvRecordReader.Parse("a,b\n\"say \"\"hi\"\"\",\"\"\"\"\n", ',');

        records[1].Fields.Should().Equal("say \"hi\"", "\"");
    }

    [Fact]
    public void Empty_quoted_and_unquoted_fields()
    {
        var records = CsvRecordReader.Parse("a,b,c\n,\"\",\n", ',');

        records[1].Fields.Should().Equal(string.Empty, string.Empty, string.Empty);
    }

    [Fact]
    public void Embedded_newline_stays_in_the_field_and_the_next_record_starts_on_the_right_line()
    {
        var records = CsvRecordReader.Parse("a,b\n1,\"two\nlines\"\n2,\"three\n\nlines\"\n3,x\n", ',');

        Lines(records).Should().Equal("1:a|b", "2:1|two\nlines", "4:2|three\n\nlines", "7:3|x");
    }

    [Fact]
    public void Crlf_line_ends_are_not_part_of_the_fields()
    {
        var records = CsvRecordReader.Parse("a,b\r\n1,2\r\n\"x\r\ny\",3\r\n4,5\r\n", ',');

        Lines(records).Should().Equal("1:a|b", "2:1|2", "3:x\r\ny|3", "5:4|5");
    }

    [Fact]
    public void Bom_is_skipped()
    {
        var records = CsvRecordReader.Parse("\uFEFFsite_id,lat\nx,1\n", ',');

        records[0].Fields.Should().Equal("site_id", "lat");
        records[0].Fields[0].Should().HaveLength(7);
    }

    [Fact]
    public void Missing_final_newline_keeps_the_last_record()
    {
        var records = CsvRecordReader.Parse("a,b\n1,2\n3,4", ',');

        Lines(records).Should().Equal("1:a|b", "2:1|2", "3:3|4");
    }

    [Fact]
    public void Last_record_ending_in_an_empty_field_without_newline_is_kept()
    {
        var records = CsvRecordReader.Parse("a,b\n1,", ',');

        Lines(records).Should().Equal("1:a|b", "2:1|");
    }

    [Fact]
    public void Blank_lines_are_records_of_one_empty_field_and_keep_the_numbering()
    {
        var records = CsvRecordReader.Parse("a\n\n\nb\n", ',');

        Lines(records).Should().Equal("1:a", "2:", "3:", "4:b");
    }

    [Fact]
    public void Empty_text_has_no_records()
    {
        CsvRecordReader.Parse(string.Empty, ',').Should().BeEmpty();
        CsvRecordReader.Parse("\uFEFF", ',').Should().BeEmpty();
    }

    [Fact]
    public void Other_delimiters_split_and_commas_stay_in_fields()
    {
        var records = CsvRecordReader.Parse("a;b\n1,5;\"x;y\"\n", ';');

        records[1].Fields.Should().Equal("1,5", "x;y");
    }

    [Theory]
    [InlineData("a,b,c\n1;2;3\n", ',')]
    [InlineData("a;b;c\n1,2,3,4,5\n", ';')]
    [InlineData("a\tb\tc\n", '\t')]
    [InlineData("\"x,y,z\";b\n", ';')]
    [InlineData("\"a;b;c\",d,e", ',')]
    [InlineData("single\n", ',')]
    [InlineData("", ',')]
    [InlineData("a;b,c\n", ',')]
    public void DetectDelimiter_counts_the_header_outside_quotes(string text, char expected)
        => CsvRecordReader.DetectDelimiter(text).Should().Be(expected);

    [Fact]
    public void DetectDelimiter_on_the_bundled_sites_header_is_comma()
    {
        var text = File.ReadAllText(Path.Combine(TestSupport.TestInputs.BundledDataDirectory, "sites.csv"));

        CsvRecordReader.DetectDelimiter(text).Should().Be(',');
    }
}
