namespace ClimateRisk.Pipeline;

/// <summary>
/// A request the pipeline will not run as asked (bad options, a resume of another run, a
/// replay whose inputs changed, an output directory in the way): nothing was simulated or
/// committed. The message is ready for the user; the command line exits with code 1.
/// Malformed input files raise <see cref="IO.InputException"/> instead.
/// </summary>
public sealed class RunRefusedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunRefusedException()
    {
    }

    /// <summary>Creates the exception with the message to show.</summary>
    public RunRefusedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the message to show and its cause.</summary>
    public RunRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
