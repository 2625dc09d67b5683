using System.Globalization;
using ClimateRisk.Reporting.Svg;

namespace ClimateRisk.Reporting.Tests;

public sealed class ScaleTests
{
    [Fact]
    public void Linear_scale_maps_and_inverts()
    {
        var scale = new LinearScale(0, 200, 300, 100);
        scale.Map(0).Should().Be(300);
        scale.Map(200).Should().Be(100);
        scale.Map(50).Should().Be(250);
        scale.Invert(250).Should().BeApproximately(50, 1e-12);
    }

    [Fact]
    public void Log_scale_puts_equal_ratios_at_equal_distances()
    {
        var scale = new LogScale(1, 1000, 0, 300);
        scale.Map(10).Should().BeApproximately(100, 1e-9);
        scale.Map(100).Should().BeApproximately(200, 1e-9);
        scale.Invert(scale.Map(250)).Should().BeApproximately(250, 1e-9);
        scale.Ticks(5).Should().Equal(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000);
    }

    [Theory]
    [InlineData(0, 87, 0, 100, 20)]
    [InlineData(1.2234, 1.3712, 1.2, 1.4, 0.05)]
    [InlineData(-3.2e6, 1.49e8, -5e7, 1.5e8, 5e7)]
    public void Nice_scale_starts_and_ends_on_round_ticks(double min, double max, double niceMin, double niceMax, double step)
    {
        var scale = LinearScale.Nice(min, max, 0, 100, 5);
        scale.DomainMin.Should().BeApproximately(niceMin, 1e-9 * Math.Abs(niceMax));
        scale.DomainMax.Should().BeApproximately(niceMax, 1e-9 * Math.Abs(niceMax));
        var ticks = scale.Ticks(5);
        ticks[0].Should().BeApproximately(niceMin, 1e-9 * Math.Abs(niceMax));
        (ticks[1] - ticks[0]).Should().BeApproximately(step, 1e-9 * Math.Abs(step));
    }

    [Fact]
    public void Described_scales_parse_back_whatever_the_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("ru-RU");
            Scale linear = new LinearScale(-0.5, 1.25e7, 412.5, 61.25);
            Scale log = new LogScale(2, 1000, 70.5, 481);
            linear.Describe().Should().Be("linear -0.5 12500000 412.5 61.25");
            var a = Scale.Parse(linear.Describe());
            var b = Scale.Parse(log.Describe());
            a.Should().BeOfType<LinearScale>();
            b.Should().BeOfType<LogScale>();
            a.Invert(200).Should().Be(linear.Invert(200));
            b.Invert(200).Should().Be(log.Invert(200));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
