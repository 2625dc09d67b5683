namespace ClimateRisk.IO.Tests;

/// <summary>InputError and InputException: the text users see.</summary>
public sealed class InputErrorTests
{
    [Theory]
    [InlineData("data/sites.csv", 3, "lat", "95", "from -90 to 90", "data/sites.csv:3: lat '95': expected from -90 to 90")]
    [InlineData("data/hazard/drought.csv", 0, "", "(empty file)", "a header row", "data/hazard/drought.csv: '(empty file)': expected a header row")]
    [InlineData("scenarios/x.yaml", 0, "physical.ssp", "SSP9", "one of SSP1-1.9", "scenarios/x.yaml: physical.ssp 'SSP9': expected one of SSP1-1.9")]
    public void ToString_is_file_line_field_value_expected(string file, int line, string field, string value, string expected, string text)
        => new InputError(file, line, field, value, expected).ToString().Should().Be(text);

    [Fact]
    public void Exception_lists_every_error_on_its_own_line()
    {
        var exception = new InputException([new InputError("a.csv", 2, "x", "1", "2"), new InputError("b.csv", 0, string.Empty, string.Empty, "an existing file")]);

        exception.Message.Should().Be($"2 problem(s) in the inputs:{Environment.NewLine}  a.csv:2: x '1': expected 2{Environment.NewLine}  b.csv: '': expected an existing file");
        exception.Errors.Should().HaveCount(2);
        new InputException("plain").Errors.Should().BeEmpty();
    }
}
