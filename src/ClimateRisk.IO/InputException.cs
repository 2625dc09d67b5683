namespace ClimateRisk.IO;

/// <summary>Thrown when inputs are invalid; carries every problem found, not just the first.</summary>
public sealed class InputException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public InputException(IReadOnlyList<InputError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    /// <summary>Creates an exception with one message (for callers that have no structured error).</summary>
    public InputException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Creates an exception with one message and its cause.</summary>
    public InputException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Creates an empty exception.</summary>
    public InputException()
    {
        Errors = [];
    }

    /// <summary>The problems, in file and line order.</summary>
    public IReadOnlyList<InputError> Errors { get; }

    private static string Describe(IReadOnlyList<InputError> errors)
        => $"{errors.Count} problem(s) in the inputs:{Environment.NewLine}" + string.Join(Environment.NewLine, errors.Select(e => "  " + e));
}
