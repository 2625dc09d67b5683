using ClimateRisk.Pipeline.Internal;

namespace ClimateRisk.Pipeline.Tests.Internal;

/// <summary>YearRange.TryParse: FIRST..LAST, FIRST-LAST, FIRST:LAST or one year.</summary>
public sealed class YearRangeTests
{
    [Theory]
    [InlineData("2025..2050", 2025, 2050)]
    [InlineData("2025-2050", 2025, 2050)]
    [InlineData("2025:2050", 2025, 2050)]
    [InlineData(" 2025 .. 2030 ", 2025, 2030)]
    [InlineData("2030", 2030, 2030)]
    [InlineData(" 2030 ", 2030, 2030)]
    [InlineData("2050..2025", 2050, 2025)]
    [InlineData("0..1", 0, 1)]
    public void Valid_forms(string text, int first, int last)
    {
        YearRange.TryParse(text, out var f, out var l).Should().BeTrue();

        (f, l).Should().Be((first, last));
    }

    [Theory]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("2025..")]
    [InlineData("..2050")]
    [InlineData("2025..2030..2035")]
    [InlineData("2025...2030")]
    [InlineData("-2025")]
    [InlineData("+2025")]
    [InlineData("2025..abc")]
    [InlineData("2025.5")]
    [InlineData("2,025")]
    [InlineData("2025 2030")]
    [InlineData("99999999999")]
    [InlineData("２０２５")]
    public void Invalid_forms(string text)
    {
        YearRange.TryParse(text, out _, out _).Should().BeFalse();
    }
}
