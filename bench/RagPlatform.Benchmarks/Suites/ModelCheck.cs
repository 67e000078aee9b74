namespace RagPlatform.Benchmarks.Suites;

/// <summary>One verified property of a generated graph.</summary>
internal sealed record ModelCheck(string Tower, string Check, bool Passed, string Detail);
