using ClimateRisk.Core.Finance;

namespace ClimateRisk.Core.Tests.Finance;

/// <summary>Insurance terms against hand-computed cases (deductible, then limit, then share; BI waiting period as a time deductible).</summary>
public class InsuranceTermsTests
{
    private const double Huge = 1e18;

    private static InsuranceTerms Terms(double deductible = 0, double aggregate = Huge, double coinsurance = 0, double waitingDays = 0, double biLimit = Huge) => new()
    {
        PropertyDeductibleCny = deductible,
        PropertyAggregateLimitCny = aggregate,
        Coinsurance = coinsurance,
        BiWaitingDays = waitingDays,
        BiLimitCny = biLimit,
        PremiumCny = 0,
        PremiumLoading = 0,
        PremiumLagYears = 0,
    };

    private static readonly double[] NoBi = [0, 0, 0];

    [Fact]
    public void Deductible_only_is_taken_from_each_event_and_an_event_below_it_pays_nothing()
    {
        // (25 − 10) + 0 + max(0, 5 − 10) = 15.
        Terms(deductible: 10).Apply([25, 0, 5], NoBi, 0).Should().Be(new InsuranceRecovery(15, 0));
    }

    [Fact]
    public void Limit_only_caps_the_year_and_the_event_that_reaches_it_is_paid_in_part()
    {
        // 25 paid in full, then 5 of 20 until the aggregate of 30 is used.
        Terms(aggregate: 30).Apply([25, 0, 20], NoBi, 0).Should().Be(new InsuranceRecovery(30, 0));
    }

    [Fact]
    public void Deductible_then_limit_then_share()
    {
        // After the deductible: 15, 30, 0; the limit of 30 leaves 15 + 15; the insurer pays 80 %: 24.
        Terms(deductible: 10, aggregate: 30, coinsurance: 0.2).Apply([25, 40, 5], NoBi, 0).Should().Be(new InsuranceRecovery(24, 0));
    }

    [Fact]
    public void Aggregate_limit_exhausted_mid_year_leaves_the_later_events_retained()
    {
        // 30 + 20 (limit 50 reached in the second event) + 0: recovery 50, retained 40.
        var perEvent = new double[3];
        var recovery = Terms(aggregate: 50).Apply([30, 30, 30], NoBi, 0, perEvent);
        recovery.PropertyCny.Should().Be(50);
        (90 - recovery.PropertyCny).Should().Be(40);
        perEvent.Should().Equal(30, 20, 0);

        // The total does not depend on which event comes first.
        Terms(aggregate: 50).Apply([30, 0, 60], NoBi, 0).PropertyCny.Should().Be(50);
        Terms(aggregate: 50).Apply([60, 0, 30], NoBi, 0).PropertyCny.Should().Be(50);
    }

    [Fact]
    public void Waiting_period_longer_than_the_outage_pays_no_BI()
    {
        // 4 per day, outage 2 days (BI 8) under a 3-day waiting period: nothing.
        Terms(waitingDays: 3).Apply([0, 0, 0], [8, 0, 0], 4).Should().Be(new InsuranceRecovery(0, 0));

        // Outage 5 days: 5 − 3 = 2 days paid = 8; a 12-hour outage (BI 2) pays nothing.
        Terms(waitingDays: 3).Apply([0, 0, 0], [20, 0, 2], 4).Should().Be(new InsuranceRecovery(0, 8));
    }

    [Fact]
    public void BI_limit_is_an_annual_aggregate_after_the_waiting_period()
    {
        // Outages of 5 and 6 days at 4 per day, 3 days' wait: 8 + 12 covered, limit 10, share 0.5: 5.
        Terms(waitingDays: 3, biLimit: 10, coinsurance: 0.5).Apply([0, 0, 0], [20, 24, 0], 4).Should().Be(new InsuranceRecovery(0, 5));
    }

    [Fact]
    public void Recoveries_plus_retained_equal_gross_and_a_higher_deductible_never_lowers_the_retained_loss()
    {
        var random = new System.Random(15);
        for (var i = 0; i < 10_000; i++)
        {
            double Loss() => random.NextDouble() < 0.4 ? 0 : Math.Exp(random.NextDouble() * 20);
            double[] direct = [Loss(), Loss(), Loss()];
            double[] bi = [Loss(), Loss(), Loss()];
            var perDay = Math.Exp(random.NextDouble() * 15);
            var low = random.NextDouble() * 1e7;
            var high = low + (random.NextDouble() * 1e7);
            var aggregate = random.NextDouble() < 0.2 ? Huge : Math.Exp(random.NextDouble() * 20);
            var share = random.NextDouble() < 0.5 ? 0 : random.NextDouble();
            var wait = random.NextDouble() * 10;
            var biLimit = Math.Exp(random.NextDouble() * 20);
            var gross = direct.Sum() + bi.Sum();

            var a = Terms(low, aggregate, share, wait, biLimit).Apply(direct, bi, perDay);
            var b = Terms(high, aggregate, share, wait, biLimit).Apply(direct, bi, perDay);
            var retainedA = gross - a.PropertyCny - a.BiCny;
            var retainedB = gross - b.PropertyCny - b.BiCny;
            (retainedA + a.PropertyCny + a.BiCny).Should().BeApproximately(gross, 1e-12 * gross);
            a.PropertyCny.Should().BeInRange(0, direct.Sum());
            a.BiCny.Should().BeInRange(0, bi.Sum());
            retainedB.Should().BeGreaterThanOrEqualTo(retainedA, "deductible {0} → {1} on {2}", low, high, string.Join(", ", direct));
        }
    }

    [Fact]
    public void The_checked_method_refuses_bad_input()
    {
        var terms = Terms();
        FluentActions.Invoking(() => terms.Apply([1, 2], [0, 0, 0], 1)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => terms.Apply([1, 2, 3], [0, 0, 0], 1, new double[2])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => terms.Apply([-1, 0, 0], NoBi, 1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => terms.Apply([double.NaN, 0, 0], NoBi, 1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => terms.Apply([0, 0, 0], NoBi, double.PositiveInfinity)).Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Premium_change_follows_the_windowed_expected_insured_loss_with_loading_and_lag()
    {
        var terms = Terms() with { PremiumLoading = 0.25, PremiumLagYears = 2 };
        // W = 5. Reference = mean(EIL 2025..2029) = (100 + 110 + 90 + 100 + 100) / 5 = 100.
        // ΔP(t) is 0 until the window [t − 6, t − 2] lies inside the run (t index ≥ 6):
        // t = 6: mean(EIL[0..4]) − 100 = 0; t = 7: mean(110, 90, 100, 100, 150) = 110 → 1.25 · 10 = 12.5;
        // t = 8: mean(90, 100, 100, 150, 200) = 128 → 1.25 · 28 = 35.
        double[] eil = [100, 110, 90, 100, 100, 150, 200, 400, 400];
        FinancialEffects.PremiumChange(terms, eil).Should().Equal(0, 0, 0, 0, 0, 0, 0, 12.5, 35);

        // Fewer years than the window: no change can be priced.
        FinancialEffects.PremiumChange(terms, [100, 200, 300]).Should().Equal(0, 0, 0);
    }
}
