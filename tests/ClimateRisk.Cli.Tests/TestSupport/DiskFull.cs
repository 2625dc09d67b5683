using ClimateRisk.IO;

namespace ClimateRisk.Cli.Tests.TestSupport;

/// <summary>
/// A full disk, injected: every output stream whose path contains <c>pathPart</c> (with '/' as the
/// separator) takes <c>bytesBeforeFull</c> bytes and then throws the IOException .NET raises on
/// ENOSPC, so the file is left half-written as on a real full disk. Works for root too, and needs
/// no tmpfs.
/// </summary>
public static class DiskFull
{
    /// <summary>The message .NET gives for ENOSPC on Linux.</summary>
    public static string Message(string path) => $"No space left on device : '{path}'";

    /// <summary>Fills the disk for paths containing <paramref name="pathPart"/> until the result is disposed; <paramref name="hits"/> collects the paths that failed.</summary>
    public static IDisposable When(string pathPart, List<string>? hits = null, int bytesBeforeFull = 100)
        => OutputFile.InjectFault((path, stream) => path.Replace('\\', '/').Contains(pathPart, StringComparison.Ordinal)
            ? new FullStream(stream, path, bytesBeforeFull, hits)
            : stream);

    private sealed class FullStream(Stream inner, string path, int capacity, List<string>? hits) : Stream
    {
        private long _written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _written;

        public override long Position { get => _written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var room = (int)Math.Max(0, capacity - _written);
            inner.Write(buffer[..Math.Min(room, buffer.Length)]);
            _written += Math.Min(room, buffer.Length);
            if (buffer.Length > room)
            {
                inner.Flush();
                if (hits is not null)
                {
                    lock (hits)
                    {
                        hits.Add(path);
                    }
                }

                throw new IOException(Message(path));
            }
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
