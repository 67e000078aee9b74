namespace RagPlatform.Core.Search;

/// <summary>The checks every <see cref="IVectorIndex"/> makes of what it is given, whatever engine
/// stores the vectors, so that a bad vector is refused the same way everywhere.</summary>
public static class VectorChecks
{
    /// <summary>The common length of a non-empty batch.</summary>
    /// <exception cref="ArgumentException">A vector is empty, of another length than the first, or
    /// holds NaN or infinity.</exception>
    public static int BatchDimensions(IReadOnlyList<VectorRecord> records, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(records);
        var dimensions = records[0].Vector.Length;
        foreach (var record in records)
        {
            if (record.Vector.Length != dimensions || dimensions == 0)
            {
                throw new ArgumentException(
                    $"Vector of item {record.ItemId} has {record.Vector.Length} dimensions; every vector of a batch must have the same, non-zero length ({dimensions}).",
                    parameterName);
            }

            RequireFinite(record.Vector.Span, $"Vector of item {record.ItemId}", parameterName);
        }

        return dimensions;
    }

    /// <exception cref="ArgumentException">The vector holds NaN or infinity.</exception>
    public static void RequireFinite(ReadOnlySpan<float> vector, string what, string parameterName)
    {
        foreach (var value in vector)
        {
            if (!float.IsFinite(value))
            {
                throw new ArgumentException($"{what} contains NaN or infinity.", parameterName);
            }
        }
    }
}
