namespace RagPlatform.Infrastructure.Extraction.Isolation;

/// <summary>How long one part (<see cref="ExtractionActivities"/>) took in the extractor process.</summary>
internal sealed record PartTiming(string Name, TimeSpan Duration);
