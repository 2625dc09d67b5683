using System.Text;
using ClimateRisk.Core.Finance;
using ClimateRisk.Core.Simulation;
using ClimateRisk.Core.Statistics;

namespace ClimateRisk.IO;

/// <summary>
/// The partial results of one shard (<c>partial.bin</c>, MODEL §12): a little-endian binary
/// file — magic <c>CRSHARD2</c>, the settings, the ids, then every cell's moments, threshold
/// count and sketch buckets, then the financial effects' cells and terms (MODEL §15). Doubles
/// are stored bit for bit, so a merge from files equals a merge in memory. (<c>CRSHARD1</c>
/// files numbered their sketch buckets by a logarithm and had no financial cells, so they are
/// refused rather than merged wrongly.)
/// </summary>
public static class ShardFile
{
    private const string Magic = "CRSHARD2";

    /// <summary>The largest count of a list or of a sketch's buckets that a shard file may give.</summary>
    private const int MaxCount = 100_000_000;

    /// <summary>Writes <paramref name="shard"/> to <paramref name="path"/> (a new file).</summary>
    public static void Write(ShardResult shard, string path)
    {
        ArgumentNullException.ThrowIfNull(shard);
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        using var w = new BinaryWriter(new BufferedStream(stream, 1 << 16), Encoding.UTF8);
        w.Write(Encoding.ASCII.GetBytes(Magic));
        var s = shard.Settings;
        w.Write(s.Seed);
        w.Write(s.FirstPath);
        w.Write(s.Paths);
        w.Write(s.FirstYear);
        w.Write(s.LastYear);
        WriteList(w, s.Horizons, w.Write);
        WriteList(w, s.ReturnPeriodsY, w.Write);
        WriteList(w, shard.ScenarioIds, w.Write);
        WriteList(w, shard.SiteIds, w.Write);

        // The financial cells and terms before the result cells, so the file still ends with the
        // NPV and exceedance sketches.
        WriteList(w, shard.Financial, c =>
        {
            w.Write(c.ScenarioId);
            w.Write(c.EntityId);
            w.Write(c.Year ?? 0);
            w.Write((int)c.Item);
            w.Write((int)c.Basis);
            WriteCell(w, c.Cell);
        });
        var context = shard.FinancialContext;
        WriteList(w, context.Terms.Insurance.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray(), p =>
        {
            var t = p.Value;
            w.Write(p.Key);
            w.Write(t.PropertyDeductibleCny);
            w.Write(t.PropertyAggregateLimitCny);
            w.Write(t.Coinsurance);
            w.Write(t.BiWaitingDays);
            w.Write(t.BiLimitCny);
            w.Write(t.PremiumCny);
            w.Write(t.PremiumLoading);
            w.Write(t.PremiumLagYears);
        });
        WriteList(w, context.Terms.Baselines.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray(), p =>
        {
            w.Write(p.Key);
            w.Write(p.Value.RevenueCny);
            w.Write(p.Value.EbitdaMargin);
        });
        WriteList(w, context.DiscountRates.OrderBy(p => p.Key, StringComparer.Ordinal).ToArray(), p =>
        {
            w.Write(p.Key);
            w.Write(p.Value);
        });
        WriteList(w, shard.Cells, c =>
        {
            w.Write(c.ScenarioId);
            w.Write(c.EntityId);
            w.Write(c.Year);
            w.Write((int)c.Metric);
            WriteCell(w, c.Cell);
        });
        WriteList(w, shard.Npv, c =>
        {
            w.Write(c.ScenarioId);
            w.Write(c.EntityId);
            WriteCell(w, c.Cell);
        });
        WriteList(w, shard.Exceedance, c =>
        {
            w.Write(c.ScenarioId);
            w.Write(c.EntityId);
            w.Write(c.Year);
            w.Write(c.Curve);
            WriteSketch(w, c.Sketch);
        });
    }

    /// <summary>Reads a shard file.</summary>
    /// <exception cref="InputException">When the file is not a shard file, is truncated, gives a count that cannot be right or holds a malformed string.</exception>
    public static ShardResult Read(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var r = new BinaryReader(new BufferedStream(stream, 1 << 16), Encoding.UTF8);
            if (Encoding.ASCII.GetString(r.ReadBytes(Magic.Length)) != Magic)
            {
                throw new InputException([new InputError(path, 0, "magic", string.Empty, $"a shard file written by 'climaterisk run --shard' (starting with {Magic})")]);
            }

            var settings = new SimulationSettings
            {
                Seed = r.ReadUInt64(),
                FirstPath = r.ReadInt64(),
                Paths = r.ReadInt32(),
                FirstYear = r.ReadInt32(),
                LastYear = r.ReadInt32(),
                Horizons = ReadList(r, r.ReadInt32),
                ReturnPeriodsY = ReadList(r, r.ReadDouble),
            };
            return new ShardResult
            {
                Settings = settings,
                ScenarioIds = ReadList(r, r.ReadString),
                SiteIds = ReadList(r, r.ReadString),
                Financial = ReadList(r, () =>
                {
                    var (scenario, entity, year) = (r.ReadString(), r.ReadString(), r.ReadInt32());
                    return (scenario, entity, year == 0 ? (int?)null : year, (FinancialItem)r.ReadInt32(), (FinancialBasis)r.ReadInt32(), ReadCell(r));
                }),
                FinancialContext = new FinancialContext
                {
                    Terms = new FinanceTerms
                    {
                        Insurance = ReadList(r, () => (r.ReadString(), new InsuranceTerms
                        {
                            PropertyDeductibleCny = r.ReadDouble(),
                            PropertyAggregateLimitCny = r.ReadDouble(),
                            Coinsurance = r.ReadDouble(),
                            BiWaitingDays = r.ReadDouble(),
                            BiLimitCny = r.ReadDouble(),
                            PremiumCny = r.ReadDouble(),
                            PremiumLoading = r.ReadDouble(),
                            PremiumLagYears = r.ReadInt32(),
                        })).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal),
                        Baselines = ReadList(r, () => (r.ReadString(), new SiteBaseline { RevenueCny = r.ReadDouble(), EbitdaMargin = r.ReadDouble() }))
                            .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal),
                    },
                    DiscountRates = ReadList(r, () => (r.ReadString(), r.ReadDouble())).ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal),
                },
                Cells = ReadList(r, () => (r.ReadString(), r.ReadString(), r.ReadInt32(), (Metric)r.ReadInt32(), ReadCell(r))),
                Npv = ReadList(r, () => (r.ReadString(), r.ReadString(), ReadCell(r))),
                Exceedance = ReadList(r, () => (r.ReadString(), r.ReadString(), r.ReadInt32(), r.ReadString(), ReadSketch(r))),
            };
        }
        catch (EndOfStreamException)
        {
            throw new InputException([new InputError(path, 0, "length", new FileInfo(path).Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " bytes", "a complete shard file (this one is truncated)")]);
        }
        catch (InvalidDataException ex)
        {
            throw new InputException([new InputError(path, 0, "count", ex.Message, "a count that fits in the rest of the file (this shard file is truncated or corrupt)")]);
        }
        catch (FormatException)
        {
            // BinaryReader.ReadString on a corrupt length prefix.
            throw new InputException([new InputError(path, 0, "text", "a malformed string length", "a shard file written by 'climaterisk run --shard' (this one is corrupt)")]);
        }
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
        WriteBuckets(w, sketch.PositiveIndices, sketch.PositiveCounts);
        WriteBuckets(w, sketch.NegativeIndices, sketch.NegativeCounts);
    }

    private static QuantileSketch ReadSketch(BinaryReader r)
    {
        var accuracy = r.ReadDouble();
        var zeros = r.ReadInt64();
        var (pi, pc) = ReadBuckets(r);
        var (ni, nc) = ReadBuckets(r);
        return QuantileSketch.FromBuckets(accuracy, zeros, pi, pc, ni, nc);
    }

    private static void WriteBuckets(BinaryWriter w, ReadOnlySpan<int> indices, ReadOnlySpan<long> counts)
    {
        w.Write(indices.Length);
        for (var i = 0; i < indices.Length; i++)
        {
            w.Write(indices[i]);
            w.Write(counts[i]);
        }
    }

    private static (int[] Indices, long[] Counts) ReadBuckets(BinaryReader r)
    {
        var n = ReadCount(r, sizeof(int) + sizeof(long));
        var indices = new int[n];
        var counts = new long[n];
        for (var i = 0; i < n; i++)
        {
            indices[i] = r.ReadInt32();
            counts[i] = r.ReadInt64();
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
