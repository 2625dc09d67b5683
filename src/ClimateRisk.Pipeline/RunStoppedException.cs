namespace ClimateRisk.Pipeline;

/// <summary>
/// A run that started but did not finish (cancelled, or a failure during simulation). The
/// message says what was kept and how to continue; the command line exits with code 2.
/// </summary>
public sealed class RunStoppedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunStoppedException()
    {
    }

    /// <summary>Creates the exception with the message to show.</summary>
    public RunStoppedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the message to show and its cause.</summary>
    public RunStoppedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
