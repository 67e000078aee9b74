using RagPlatform.Api.Documents;

namespace RagPlatform.Api.Tests.Support;

/// <summary>A file the API took, with the document it is now (never null, unlike a rejected file's).</summary>
public sealed record UploadedFile(string FileName, UploadOutcome Outcome, bool Duplicate, DocumentDto Document);
