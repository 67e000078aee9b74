namespace RagPlatform.Storage.Files;

/// <summary>How the embedded vector index scans its vectors (<c>Storage:VectorScan</c>).</summary>
public enum VectorScanMode
{
    /// <summary>Scan int8 codes of the vectors (a quarter of the bytes), then re-score the best few
    /// hundred candidates exactly: several times faster, with the same top k in practice.</summary>
    Quantized,

    /// <summary>Compute every fp32 dot product: the guaranteed exact answer, at memory-bandwidth cost.</summary>
    Exact,
}
