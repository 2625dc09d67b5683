namespace ClimateRisk.Core.Statistics.Internal;

/// <summary>
/// The bytes in which a <see cref="QuantileSketch"/> keeps its buckets, and the shard file
/// stores them (CRSHARD3): per sign, in ascending index order, the first index as four bytes
/// (little-endian) and then each index's step from the one before (≥ 1), each index followed by
/// the bucket's count, steps and counts as 7-bit variable-length integers (the low seven bits
/// first, the high bit set on every byte but the last: <see cref="BinaryWriter.Write7BitEncodedInt64"/>).
/// </summary>
/// <remarks>
/// Why: a shard keeps every cell's sketch until it writes its file, and as int index and long
/// count arrays (twelve bytes a bucket, four arrays a sketch) they were some 170 MB of a
/// standard-workload shard's 330 MB, which the collector promoted and the host backed page by
/// page (docs/performance.md, seventeenth session). Steps are mostly 1 to 3 and a shard's
/// counts mostly below 128, so a bucket takes about two bytes — the shard file's own encoding.
/// </remarks>
internal static class BucketCode
{
    /// <summary>Bytes one bucket can take at most: an index or step of up to 5 bytes and a count of up to 10.</summary>
    public const int MaxBytesPerBucket = 15;

    /// <summary>Writes <paramref name="value"/> (taken as unsigned) at <paramref name="position"/>; returns the position after it.</summary>
    public static int Write(Span<byte> destination, int position, ulong value)
    {
        while (value >= 0x80)
        {
            destination[position++] = (byte)(value | 0x80);
            value >>= 7;
        }

        destination[position++] = (byte)value;
        return position;
    }

    /// <summary>Reads the integer at <paramref name="position"/> and moves past it.</summary>
    public static ulong Read(ReadOnlySpan<byte> source, ref int position)
    {
        ulong value = 0;
        var shift = 0;
        byte b;
        do
        {
            b = source[position++];
            value |= (ulong)(b & 0x7F) << shift;
            shift += 7;
        }
        while (b >= 0x80);

        return value;
    }

    /// <summary>Writes the first index of a sign, four bytes little-endian; returns the position after it.</summary>
    public static int WriteFirst(Span<byte> destination, int position, int index)
    {
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(destination[position..], index);
        return position + sizeof(int);
    }

    /// <summary>Reads the first index of a sign and moves past it.</summary>
    public static int ReadFirst(ReadOnlySpan<byte> source, ref int position)
    {
        var index = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(source[position..]);
        position += sizeof(int);
        return index;
    }
}
