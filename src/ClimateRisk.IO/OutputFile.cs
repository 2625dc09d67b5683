namespace ClimateRisk.IO;

/// <summary>
/// Opens the files a run, merge or report writes, through one place, so the failure paths can be
/// tested: <see cref="InjectFault"/> wraps every stream opened by the calling flow (for example
/// one that throws "No space left on device" after some bytes), which no tmpfs is needed for and
/// which fails the same way for root. Without an injected fault it is a plain
/// <see cref="FileStream"/>.
/// </summary>
public static class OutputFile
{
    // AsyncLocal: the fault follows the test's flow into the tasks it starts, and tests running
    // in parallel do not see each other's faults.
    private static readonly AsyncLocal<Func<string, Stream, Stream>?> Fault = new();

    /// <summary>Opens <paramref name="path"/> for writing with <paramref name="mode"/> (default: a new file, never over an existing one).</summary>
    public static Stream Create(string path, FileMode mode = FileMode.CreateNew)
    {
        var stream = new FileStream(path, mode, FileAccess.Write);
        if (Fault.Value is not { } wrap)
        {
            return stream;
        }

        try
        {
            return wrap(path, stream);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> (created or replaced).</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using var stream = Create(path, FileMode.Create);
        stream.Write(bytes);
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without BOM to <paramref name="path"/> (created or replaced).</summary>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        WriteAllBytes(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text));
    }

    /// <summary>
    /// For tests: until the result is disposed, every stream <see cref="Create"/> opens in this
    /// flow is passed through <paramref name="wrap"/> (given the path and the file stream; it
    /// returns the stream to write to, or throws to fail the open).
    /// </summary>
    public static IDisposable InjectFault(Func<string, Stream, Stream> wrap)
    {
        ArgumentNullException.ThrowIfNull(wrap);
        var previous = Fault.Value;
        Fault.Value = wrap;
        return new Restore(previous);
    }

    private sealed class Restore(Func<string, Stream, Stream>? previous) : IDisposable
    {
        public void Dispose() => Fault.Value = previous;
    }
}
