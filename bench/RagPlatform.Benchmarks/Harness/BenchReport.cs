namespace RagPlatform.Benchmarks.Harness;

/// <summary>Everything one suite run writes to artifacts/bench-results/ as JSON. Rows are the
/// suite's own records (serialised by their runtime type).</summary>
internal sealed record BenchReport(
    string Suite,
    DateTimeOffset StartedAt,
    DateTimeOffset FinishedAt,
    MachineSnapshot Machine,
    string LoadAverageAtEnd,
    IReadOnlyDictionary<string, string> Settings,
    IReadOnlyList<object> Rows,
    IReadOnlyList<string> Notes);
