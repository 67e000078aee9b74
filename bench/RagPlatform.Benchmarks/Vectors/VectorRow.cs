using RagPlatform.Benchmarks.Harness;

namespace RagPlatform.Benchmarks.Vectors;

/// <summary>One engine at one data-set size. Memory in bytes: <paramref name="DatasetBytes"/> is
/// the generated array the suite holds for every engine; <paramref name="HeapDeltaBytes"/> is what
/// the engine added to the managed heap by loading (a copy, an index); working sets are the whole
/// process (data set, engine, runtime) after loading, and the peak at the end of the queries;
/// <paramref name="ResidentDeltaBytes"/> is what loading added to the process's resident memory
/// (VmRSS after a full collection), native memory and mapped files included.
/// <paramref name="InsertsPerSecond"/> and <paramref name="ReloadSeconds"/> are null for an engine
/// that neither inserts nor persists; <paramref name="SpeedupVsParallelScan"/> is the parallel fp32
/// scan's p50 over this engine's, in the same run (null when that scan was not measured).</summary>
internal sealed record VectorRow(
    string Target,
    int Vectors,
    int Dimensions,
    int K,
    LatencySummary Latency,
    double QueriesPerSecond,
    double RecallAtK,
    double LoadSeconds,
    long DatasetBytes,
    long HeapDeltaBytes,
    long ManagedHeapBytes,
    long WorkingSetBytes,
    long PeakWorkingSetBytes,
    long ResidentDeltaBytes,
    double? InsertsPerSecond = null,
    double? ReloadSeconds = null,
    double? SpeedupVsParallelScan = null);
