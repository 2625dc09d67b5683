namespace ClimateRisk.Cli.Internal;

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread (System.Progress posts to the thread pool).</summary>
internal sealed class CallbackProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
