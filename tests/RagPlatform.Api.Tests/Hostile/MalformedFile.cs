namespace RagPlatform.Api.Tests.Hostile;

/// <summary>One file of the malformed corpus.</summary>
/// <param name="Family">What it was made from and how (e.g. "pdf/truncated"), for the report.</param>
/// <param name="Name">The upload's file name: unique in the corpus, and says what was done.</param>
public sealed record MalformedFile(string Family, string Name, byte[] Bytes);
