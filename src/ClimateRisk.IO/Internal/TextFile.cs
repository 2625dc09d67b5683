using System.Globalization;
using System.Text;

namespace ClimateRisk.IO.Internal;

/// <summary>
/// Creates output text files and reads input files. Outputs are UTF-8 without BOM and never
/// written over an existing file. Inputs are read as strict UTF-8: a file saved in another encoding (a Chinese Excel saves
/// "CSV" as GBK) would otherwise decode silently into replacement characters: ids that match
/// nothing and source texts that are garbage. Instead the first undecodable byte is reported.
/// </summary>
internal static class TextFile
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Writes <paramref name="write"/>'s text to a new file <paramref name="path"/>: UTF-8 without BOM, never over an existing file.</summary>
    public static void CreateNew(string path, Action<TextWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        using var stream = OutputFile.Create(path);

        // Why the larger buffer: a results file is megabytes, and the default 1,024 characters
        // meant a UTF-8 conversion and a write call every kilobyte (docs/performance.md, twenty-third session).
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 1 << 16);
        write(writer);
    }

    /// <summary>The text without a UTF-8 BOM, or null with the problem added to <paramref name="errors"/>.</summary>
    public static string? Read(string path, List<InputError> errors)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add(new InputError(path, 0, string.Empty, ex.Message, "a readable file"));
            return null;
        }

        var start = bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0;
        var offset = FirstInvalidUtf8(bytes, start);
        if (offset < 0)
        {
            return Strict.GetString(bytes, start, bytes.Length - start);
        }

        var line = 1 + bytes.AsSpan(0, offset).Count((byte)'\n');
        errors.Add(new InputError(path, line, "encoding", string.Create(CultureInfo.InvariantCulture, $"byte 0x{bytes[offset]:X2}"),
            "UTF-8 text (the file looks saved in another encoding, e.g. GBK by a spreadsheet; save it as 'CSV UTF-8')"));
        return null;
    }

    private static int FirstInvalidUtf8(byte[] bytes, int start)
    {
        var span = bytes.AsSpan(start);
        Span<char> buffer = stackalloc char[256];
        while (!span.IsEmpty)
        {
            var status = System.Text.Unicode.Utf8.ToUtf16(span, buffer, out var read, out _, replaceInvalidSequences: false);
            if (status == System.Buffers.OperationStatus.InvalidData || status == System.Buffers.OperationStatus.NeedMoreData)
            {
                return bytes.Length - span.Length + read;
            }

            span = span[read..];
        }

        return -1;
    }
}
