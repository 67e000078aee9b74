namespace RagPlatform.Benchmarks.Pipeline;

/// <summary>An encoded image file the pipeline suite feeds in.</summary>
internal sealed record BenchImage(string Name, byte[] Data, string MediaType, int PixelWidth, int PixelHeight);
