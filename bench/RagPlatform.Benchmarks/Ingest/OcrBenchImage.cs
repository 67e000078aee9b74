namespace RagPlatform.Benchmarks.Ingest;

/// <summary>One generated image of the OCR throughput bench: its PNG bytes, pixel size and the
/// words drawn on it (the ground truth recall is measured against).</summary>
internal sealed record OcrBenchImage(string Kind, string Name, byte[] Png, int Width, int Height, IReadOnlyList<string> Words);
