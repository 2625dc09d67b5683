using ClimateRisk.IO.Tests.TestSupport;

namespace ClimateRisk.IO.Tests;

public sealed class MeasureLoaderTests : IDisposable
{
    private readonly TestInputs _inputs = TestInputs.Copy();

    public void Dispose() => _inputs.Dispose();

    private string MeasuresFile => _inputs.Data("measures.csv");

    private IReadOnlyList<Core.Planning.AdaptationMeasure> Load()
    {
        var model = InputLoader.Load(_inputs.Paths());
        return MeasureLoader.Load(MeasuresFile, model.Sites.Select(s => s.Id).ToArray(), model.CoolingTypes);
    }

    private InputError[] Errors()
    {
        var act = () => Load();
        return act.Should().Throw<InputException>().Which.Errors.ToArray();
    }

    private void Write(string body)
        => File.WriteAllText(MeasuresFile, "measure_id,name,site_id,year_in_force,capex_cny,opex_cny_per_yr,changes,source\n" + body);

    [Fact]
    public void Loads_the_bundled_measures_with_their_typed_changes()
    {
        var measures = Load();
        measures.Select(m => m.Id).Should().Contain(["ncl-floodwall-200y", "yizhuang-iec-conversion", "noop-control"]);
        var wall = measures.Single(m => m.Id == "ncl-floodwall-200y");
        wall.SiteId.Should().Be("ks-north-china-leased");
        wall.YearInForce.Should().Be(2026);
        wall.CapexCny.Should().Be(11_600_000);
        wall.Change.ProtectionRpY.Should().Be(200);
        var iec = measures.Single(m => m.Id == "yizhuang-iec-conversion");
        iec.Change.Cooling!.Id.Should().Be("indirect_evaporative");
        iec.Change.Pue.Should().Be(1.27);
        iec.Change.WueLPerKwh.Should().Be(0.8);
        measures.Single(m => m.Id == "noop-control").Change.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void Unknown_change_keys_get_a_suggestion_and_every_problem_is_reported()
    {
        Write("m1,wall,ks-north-china-leased,2026,100,0,protection_rp=200,\"test\"\n"
            + "m2,cool,ksc-beijing-yizhuang,2026,100,0,cooling_type=indirect_evaporativ;pue=1.3,\"test\"\n"
            + "m3,share,ksc-tianjin-yixianyuan,2026,100,0,renewable_share=1.5,\"test\"\n"
            + "m4,nowhere,ks-mars,2026,-1,0,,\"test\"\n");
        var errors = Errors().Select(e => e.ToString()).ToArray();
        errors.Should().Equal(
            $"{MeasuresFile}:2: changes 'protection_rp=200': expected key=value with a key one of {string.Join(", ", MeasureLoader.ChangeKeys)} (did you mean 'protection_rp_y'?)",
            $"{MeasuresFile}:3: changes 'cooling_type=indirect_evaporativ': expected a cooling type of cooling_types.csv: one of chiller_water_economizer, indirect_evaporative, pumped_refrigerant_free_cooling, direct_liquid_cooling (did you mean 'indirect_evaporative'?)",
            $"{MeasuresFile}:4: changes 'renewable_share=1.5': expected renewable_share = a number from 0 to 1",
            $"{MeasuresFile}:5: site_id 'ks-mars': expected a site of the portfolio: one of ksc-beijing-yizhuang, ksc-tianjin-yixianyuan, ksc-changshu-glp, ksc-shanghai-guanghuan, ksc-shanghai-pujiang-gds, ksc-qinghai-green, ks-ulanqab, ks-north-china-leased",
            $"{MeasuresFile}:5: capex_cny '-1': expected ≥ 0");
    }

    [Fact]
    public void A_new_cooling_type_needs_the_new_plants_pue()
    {
        Write("m1,cool,ksc-beijing-yizhuang,2026,100,0,cooling_type=indirect_evaporative,\"test\"\n");
        Errors().Select(e => e.ToString()).Should().Equal(
            $"{MeasuresFile}:2: changes 'cooling_type=indirect_evaporative': expected pue=… with cooling_type: the new plant's annual PUE at today's climate");
    }
}
