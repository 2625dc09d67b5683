using System.Globalization;
using System.Text;
using ClimateRisk.IO.Internal;

namespace ClimateRisk.IO.Tests.Internal;

/// <summary>
/// <see cref="CsvText.AppendNumber"/> against the runtime's own round-trip text
/// (<c>double.ToString("R", InvariantCulture)</c>), character for character: its shortcuts (zero's
/// text without the formatter) must write what the formatter writes.
/// </summary>
public class CsvTextTests
{
    public static TheoryData<double> Values() =>
    [
        0.0, -0.0, double.Epsilon, -double.Epsilon, 1e-320, 2.2250738585072014E-308, -2.2250738585072014E-308,
        1, -1, 0.1 + 0.2, 1.0 / 3, 1e21, 1e-7, 123456789.123, double.MaxValue, double.MinValue,
        double.PositiveInfinity, double.NegativeInfinity,
    ];

    [Theory]
    [MemberData(nameof(Values))]
    public void A_number_is_the_runtimes_round_trip_text(double value)
    {
        CsvText.AppendNumber(new StringBuilder("x,"), value).ToString().Should().Be("x," + value.ToString("R", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void NaN_is_an_empty_field()
    {
        CsvText.AppendNumber(new StringBuilder("x,"), double.NaN).ToString().Should().Be("x,");
    }
}
