using ClimateRisk.Reporting.Svg;

namespace ClimateRisk.Reporting.Charts;

/// <summary>
/// One style per scenario, the same in every chart of a report: Okabe–Ito colours (safe for the
/// common colour-vision deficiencies) together with a distinct dash pattern and marker, so the
/// series stay apart in grey print. The bundled NGFS / SSP scenarios keep fixed slots (Net Zero
/// green … current policies vermillion, the SSP5-8.5 stress test black); other scenarios take
/// the free slots in run order.
/// </summary>
public sealed class ScenarioPalette
{
    private static readonly SeriesStyle[] Slots =
    [
        new("#009E73", null, MarkerShape.Circle),
        new("#56B4E9", "7 3", MarkerShape.Square),
        new("#E69F00", "9 3 2 3", MarkerShape.Triangle),
        new("#CC79A7", "4 3", MarkerShape.Diamond),
        new("#D55E00", "12 3 2 3 2 3", MarkerShape.TriangleDown),
        new("#000000", "2 2.5", MarkerShape.Cross),
        new("#0072B2", "14 4", MarkerShape.OpenCircle),
        new("#882255", "1 3", MarkerShape.OpenSquare),
    ];

    private static readonly Dictionary<string, int> Preferred = new(StringComparer.Ordinal)
    {
        ["ngfs-net-zero-2050"] = 0,
        ["ngfs-below-2c"] = 1,
        ["ngfs-delayed-transition"] = 2,
        ["ngfs-ndcs"] = 3,
        ["ngfs-current-policies"] = 4,
        ["ssp5-85-physical-stress"] = 5,
    };

    private readonly Dictionary<string, SeriesStyle> _styles;

    private ScenarioPalette(Dictionary<string, SeriesStyle> styles) => _styles = styles;

    /// <summary>The palette for the scenarios of a run, in run order.</summary>
    public static ScenarioPalette For(IReadOnlyList<string> scenarioIds)
    {
        ArgumentNullException.ThrowIfNull(scenarioIds);
        var styles = new Dictionary<string, SeriesStyle>(StringComparer.Ordinal);
        var used = new HashSet<int>();
        foreach (var id in scenarioIds.Where(Preferred.ContainsKey))
        {
            styles[id] = Slots[Preferred[id]];
            used.Add(Preferred[id]);
        }

        var next = 0;
        foreach (var id in scenarioIds.Where(id => !styles.ContainsKey(id)))
        {
            while (used.Contains(next % Slots.Length) && used.Count < Slots.Length)
            {
                next++;
            }

            var slot = next % Slots.Length;
            used.Add(slot);
            styles[id] = Slots[slot];
            next++;
        }

        return new ScenarioPalette(styles);
    }

    /// <summary>The style of a scenario of the run.</summary>
    public SeriesStyle Style(string scenarioId) => _styles[scenarioId];
}
