using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Ingestion;

/// <summary>A line of text read from an image, with its box (fractions of the image, origin
/// top-left) and the recogniser's confidence (0..1).</summary>
public sealed record RecognizedLine(string Text, Region Box, double Confidence);
