namespace ClimateRisk.Cli.Internal;

/// <summary>Process exit codes (ARCHITECTURE.md): 0 ok, 1 bad input, 2 failure.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int BadInput = 1;
    public const int Failure = 2;
}
