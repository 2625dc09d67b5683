namespace ClimateRisk.Cli.Tests.TestSupport;

/// <summary>A StringWriter that calls <paramref name="onTrigger"/> once, when a written line contains <paramref name="trigger"/> (e.g. cancels a run at a progress line).</summary>
public sealed class TriggerWriter(string trigger, Action onTrigger) : StringWriter
{
    private bool _fired;

    public override void WriteLine(string? value)
    {
        base.WriteLine(value);
        if (!_fired && value is not null && value.Contains(trigger, StringComparison.Ordinal))
        {
            _fired = true;
            onTrigger();
        }
    }
}
