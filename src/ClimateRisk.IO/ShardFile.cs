using System.Security.Cryptography;
using System.Text;
using ClimateRisk.Core.Finance;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Statistics;
using ClimateRisk.IO.Internal;

namespace ClimateRisk.IO;

/// <summary>
/// The partial results of one shard (<c>partial.bin</c>, MODEL §12): a little-endian binary
/// file — magic <c>CRSHARD2</c>, then five sections (settings and ids, the financial effects'
/// cells and terms of MODEL §15, cells, NPV cells, exceedance sketches), each as its byte
/// length, its bytes and their SHA-256. Doubles are stored bit for bit, so a merge from files
/// equals a merge in memory; the checksums make a flipped byte (a disk or transfer fault) a
/// refused shard instead of silently wrong quantiles. (<c>CRSHARD1</c> files numbered their
/// sketch buckets by a logarithm, had no financial cells and no checksums: they are refused.)
/// </summary>
public static class ShardFile
{
    private const string Magic = "CRSHARD3";

    /// <summary>The largest count of a list or of a sketch's buckets that a shard file may give.</summary>
    private const int MaxCount = 100_000_000;

    private static readonly string[] Sections = ["settings", "financial", "cells", "npv", "exceedance"];

    /// <summary>Writes <paramref name="shard"/> to <paramref name="path"/> (a new file).</summary>
    public static void Write(ShardResult shard, string path)
    {
        ArgumentNullException.ThrowIfNull(shard);
        using var stream = OutputFile.Create(path);
        using var w = new BinaryWriter(new BufferedStream(stream, 1 << 16), Encoding.UTF8);
        w.Write(Encoding.ASCII.GetBytes(Magic));
        WriteSection(w, s =>
        {
            var settings = shard.Settings;
            s.Write(settings.Seed);
            s.Write(settings.FirstPath);
            s.Write(settings.Paths);
            s.Write(settings.FirstYear);
            s.Write(settings.LastYear);
            WriteList(s, settings.Horizons, s.Write);
            WriteList(s, settings.ReturnPeriodsY, s.Write);
            WriteList(s, shard.ScenarioIds, s.Write);
            WriteList(s, shard.SiteIds, s.Write);
        });
        WriteSection(w, s =>
        {
            WriteList(s, shard.Financial, c =>
            {
                s.Write(c.ScenarioId);
                s.Write(c.EntityId);
                s.Write(c.Year ?? 0);
                s.Write((int)c.Item);
                s.Write((int)c.Basis);
                WriteCell(s, c.Cell);
            });
            var context = shard.FinancialContext;
            WriteList(s, context.Terms.Insurance.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray(), p =>
            {
                var t = p.Value;
                s.Write(p.Key);
                s.Write(t.PropertyDeductibleCny);
                s.Write(t.PropertyAggregateLimitCny);
                s.Write(t.Coinsurance);
                s.Write(t.BiWaitingDays);
                s.Write(t.BiLimitCny);
                s.Write(t.PremiumCny);
                s.Write(t.PremiumLoading);
                s.Write(t.PremiumLagYears);
            });
            WriteList(s, context.Terms.Baselines.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray(), p =>
            {
                s.Write(p.Key);
                s.Write(p.Value.RevenueCny);
                s.Write(p.Value.EbitdaMargin);
            });
            WriteList(s, context.DiscountRates.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray(), p =>
            {
                s.Write(p.Key);
                s.Write(p.Value);
            });
        });
        WriteSection(w, s => WriteList(s, shard.Cells, c =>
        {
            s.Write(c.ScenarioId);
            s.Write(c.EntityId);
            s.Write(c.Year);
            s.Write((int)c.Metric);
            WriteCell(s, c.Cell);
        }));
        WriteSection(w, s => WriteList(s, shard.Npv, c =>
        {
            s.Write(c.ScenarioId);
            s.Write(c.EntityId);
            WriteCell(s, c.Cell);
        }));
        WriteSection(w, s => WriteList(s, shard.Exceedance, c =>
        {
            s.Write(c.ScenarioId);
            s.Write(c.EntityId);
            s.Write(c.Year);
            s.Write(c.Curve);
            WriteSketch(s, c.Sketch);
        }));
    }

    /// <summary>Reads a shard file.</summary>
    /// <exception cref="InputException">When the file is not a shard file, is truncated, fails a section's checksum, gives a count that cannot be right or holds a malformed string.</exception>
    public static ShardResult Read(string path)
    {
        var section = Sections[0];
        try
        {
            using var stream = File.OpenRead(path);
            using var r = new BinaryReader(new BufferedStream(stream, 1 << 16), Encoding.UTF8);
            var magic = Encoding.ASCII.GetString(r.ReadBytes(Magic.Length));
            if (magic != Magic)
            {
                var expected = magic is "CRSHARD1" or "CRSHARD2"
                    ? $"a shard file of this version ({Magic}; this one was written by an older version: run the shard again)"
                    : $"a shard file written by 'climaterisk run --shard' (starting with {Magic})";
                throw new InputException([new InputError(path, 0, "magic", string.Empty, expected)]);
            }

            BinaryReader Next(string name)
            {
                section = name;
                return ReadSection(r, path, name);
            }

            var h = Next("settings");
            var settings = new SimulationSettings
            {
                Seed = h.ReadUInt64(),
                FirstPath = h.ReadInt64(),
                Paths = h.ReadInt32(),
                FirstYear = h.ReadInt32(),
                LastYear = h.ReadInt32(),
                Horizons = ReadList(h, h.ReadInt32),
                ReturnPeriodsY = ReadList(h, h.ReadDouble),
            };
            var scenarioIds = ReadList(h, h.ReadString);
            var siteIds = ReadList(h, h.ReadString);
            var f = Next("financial");
            var financial = ReadList(f, () =>
            {
                var (scenario, entity, year) = (f.ReadString(), f.ReadString(), f.ReadInt32());
                return (scenario, entity, year == 0 ? (int?)null : year, (FinancialItem)f.ReadInt32(), (FinancialBasis)f.ReadInt32(), ReadCell(f));
            });
            var financialContext = new FinancialContext
            {
                Terms = new FinanceTerms
                {
                    Insurance = ReadList(f, () => (f.ReadString(), new InsuranceTerms
                    {
                        PropertyDeductibleCny = f.ReadDouble(),
                        PropertyAggregateLimitCny = f.ReadDouble(),
                        Coinsurance = f.ReadDouble(),
                        BiWaitingDays = f.ReadDouble(),
                        BiLimitCny = f.ReadDouble(),
                        PremiumCny = f.ReadDouble(),
                        PremiumLoading = f.ReadDouble(),
                        PremiumLagYears = f.ReadInt32(),
                    })).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal),
                    Baselines = ReadList(f, () => (f.ReadString(), new SiteBaseline { RevenueCny = f.ReadDouble(), EbitdaMargin = f.ReadDouble() }))
                        .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal),
                },
                DiscountRates = ReadList(f, () => (f.ReadString(), f.ReadDouble())).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal),
            };
            var c = Next("cells");
            var cells = ReadList(c, () => (c.ReadString(), c.ReadString(), c.ReadInt32(), (Metric)c.ReadInt32(), ReadCell(c)));
            var n = Next("npv");
            var npv = ReadList(n, () => (n.ReadString(), n.ReadString(), ReadCell(n)));
            var e = Next("exceedance");
            var exceedance = ReadList(e, () => (e.ReadString(), e.ReadString(), e.ReadInt32(), e.ReadString(), ReadSketch(e)));
            if (r.BaseStream.Position != r.BaseStream.Length)
            {
                throw new InputException([new InputError(path, 0, "length", Bytes(r.BaseStream.Length), "a shard file that ends after its last section (this one has bytes appended)")]);
            }

            return new ShardResult { Settings = settings, ScenarioIds = scenarioIds, SiteIds = siteIds, Financial = financial, FinancialContext = financialContext, Cells = cells, Npv = npv, Exceedance = exceedance };
        }
        catch (EndOfStreamException)
        {
            throw new InputException([new InputError(path, 0, section, Bytes(new FileInfo(path).Length), "a complete shard file (this one is truncated: run the shard again)")]);
        }
        catch (InvalidDataException ex)
        {
            throw new InputException([new InputError(path, 0, section, ex.Message, "a count that fits in the rest of the section (this shard file is corrupt: run the shard again)")]);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException or DecoderFallbackException)
        {
            // A section whose checksum holds but whose content does not parse: written by a
            // different build, or damaged in a way that kept the hash (not by chance).
            throw new InputException([new InputError(path, 0, section, ex.GetType().Name, "a shard file written by 'climaterisk run --shard' (this one is corrupt: run the shard again)")]);
        }
    }

    private static string Bytes(long length) => length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes";

    /// <remarks>
    /// On a seekable file the section is hashed as it streams to the file and its length is
    /// written into the place kept for it afterwards: a shard's cells are some 180 MB, which a
    /// memory buffer grew to by doubling (copying and zeroing the bytes several times). A stream
    /// that cannot seek gets the buffered form; the bytes on disk are the same either way.
    /// </remarks>
    private static void WriteSection(BinaryWriter w, Action<BinaryWriter> write)
    {
        w.Flush();
        var file = w.BaseStream;
        if (!file.CanSeek)
        {
            using var buffer = new MemoryStream();
            using (var s = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
            {
                write(s);
            }

            var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
            w.Write(buffer.Length);
            w.Write(bytes);
            w.Write(SHA256.HashData(bytes));
            return;
        }

        var lengthAt = file.Position;
        w.Write(0L);
        w.Flush();
        long length;
        byte[] hash;

        // Disposing the writer disposes the buffer and the hashing stream, not the file.
        var hashing = new HashingStream(file);
        using (var s = new BinaryWriter(new BufferedStream(hashing, 1 << 16), Encoding.UTF8))
        {
            write(s);
            s.Flush();
            length = hashing.Written;
            hash = hashing.Hash();
        }

        var end = file.Position;
        file.Position = lengthAt;
        w.Write(length);
        w.Flush();
        file.Position = end;
        w.Write(hash);
    }

    /// <summary>Passes writes on to a stream it does not own (disposing it leaves that open), counting and hashing (SHA-256) the bytes.</summary>
    private sealed class HashingStream(Stream inner) : WriteOnlyStream(inner)
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public long Written { get; private set; }

        public byte[] Hash() => _hash.GetHashAndReset();

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            _hash.AppendData(buffer);
            Inner.Write(buffer);
            Written += buffer.Length;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _hash.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>One section's bytes after checking their SHA-256, as a reader over them.</summary>
    private static BinaryReader ReadSection(BinaryReader r, string path, string name)
    {
        var length = r.ReadInt64();
        var left = r.BaseStream.Length - r.BaseStream.Position;
        if (length < 0 || length > left - SHA256.HashSizeInBytes || length > int.MaxValue)
        {
            throw new InputException([new InputError(path, 0, name, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"length {length}, {left} bytes left"),
                "a section length that fits in the file (this shard file is truncated or corrupt: run the shard again)")]);
        }

        var bytes = r.ReadBytes((int)length);
        var hash = r.ReadBytes(SHA256.HashSizeInBytes);
        if (!SHA256.HashData(bytes).AsSpan().SequenceEqual(hash))
        {
            throw new InputException([new InputError(path, 0, name, "checksum mismatch",
                $"the SHA-256 stored with section '{name}' (the file is damaged, e.g. by a disk or transfer fault: run the shard again or copy it again)")]);
        }

        return new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
    }

    private static void WriteCell(BinaryWriter w, PartialCell cell)
    {
        w.Write(cell.Moments.Count);
        w.Write(cell.Moments.Count > 0 ? cell.Moments.Mean : 0);
        w.Write(cell.Moments.SumOfSquaredDeviations);
        w.Write(cell.ExceedCount);
        w.Write(cell.HasThreshold);
        WriteSketch(w, cell.Sketch);
    }

    private static PartialCell ReadCell(BinaryReader r) => new()
    {
        Moments = RunningMoments.FromState(r.ReadInt64(), r.ReadDouble(), r.ReadDouble()),
        ExceedCount = r.ReadInt64(),
        HasThreshold = r.ReadBoolean(),
        Sketch = ReadSketch(r),
    };

    private static void WriteSketch(BinaryWriter w, QuantileSketch sketch)
    {
        w.Write(sketch.Accuracy);
        w.Write(sketch.ZeroCount);
        // The sketch keeps its buckets in this file's encoding (ReadBuckets): written as they are.
        w.Write(sketch.PositiveBucketCount);
        w.Write(sketch.EncodedPositiveBuckets);
        w.Write(sketch.NegativeBucketCount);
        w.Write(sketch.EncodedNegativeBuckets);
    }

    private static QuantileSketch ReadSketch(BinaryReader r)
    {
        var accuracy = r.ReadDouble();
        var zeros = r.ReadInt64();
        var (pi, pc) = ReadBuckets(r);
        var (ni, nc) = ReadBuckets(r);
        return QuantileSketch.FromBuckets(accuracy, zeros, pi, pc, ni, nc);
    }

    /// <summary>
    /// A sign's buckets: their number, the first index (4 bytes), then each later index as its
    /// step from the one before and every count, both as 7-bit variable-length integers. The
    /// indices ascend, mostly by 1 to 3, and a shard's counts are mostly below 128, so a bucket
    /// takes about two bytes instead of twelve: 184 MB → 35 MB per shard of the standard
    /// workload (CRSHARD3; CRSHARD2 wrote the int index and long count as they are). The sketch
    /// keeps its buckets in these bytes (<see cref="QuantileSketch.EncodedPositiveBuckets"/>),
    /// so <see cref="WriteSketch"/> writes them as they are.
    /// </summary>
    /// <exception cref="FormatException">When the indices do not ascend or a count is negative (a section that passed its checksum but was not written by this format).</exception>
    private static (int[] Indices, long[] Counts) ReadBuckets(BinaryReader r)
    {
        var n = ReadCount(r, 2);
        var indices = new int[n];
        var counts = new long[n];
        for (var i = 0; i < n; i++)
        {
            if (i == 0)
            {
                indices[0] = r.ReadInt32();
            }
            else
            {
                var step = r.Read7BitEncodedInt();
                if (step < 1)
                {
                    throw new FormatException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"bucket index step {step} at byte {r.BaseStream.Position}"));
                }

                indices[i] = checked(indices[i - 1] + step);
            }

            counts[i] = r.Read7BitEncodedInt64();
            if (counts[i] < 0)
            {
                throw new FormatException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"bucket count {counts[i]} at byte {r.BaseStream.Position}"));
            }
        }

        return (indices, counts);
    }

    private static void WriteList<T>(BinaryWriter w, IReadOnlyList<T> items, Action<T> write)
    {
        w.Write(items.Count);
        foreach (var item in items)
        {
            write(item);
        }
    }

    /// <summary>
    /// A count of items that take at least <paramref name="minItemBytes"/> each: checked against
    /// the bytes left, so that a corrupt count is reported instead of allocating (or failing to
    /// allocate) a huge array.
    /// </summary>
    /// <exception cref="InvalidDataException">With the count, where it is and the bytes left.</exception>
    private static int ReadCount(BinaryReader r, int minItemBytes)
    {
        var at = r.BaseStream.Position;
        var n = r.ReadInt32();
        var left = r.BaseStream.Length - r.BaseStream.Position;
        if (n < 0 || n > MaxCount || (long)n * minItemBytes > left)
        {
            throw new InvalidDataException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{n} at byte {at}, {left} bytes left"));
        }

        return n;
    }

    private static T[] ReadList<T>(BinaryReader r, Func<T> read)
    {
        var n = ReadCount(r, 1);
        var items = new T[n];
        for (var i = 0; i < n; i++)
        {
            items[i] = read();
        }

        return items;
    }
}
