namespace RagPlatform.Core.Documents;

/// <summary>What <see cref="IDocumentStore.SwapContentAsync"/> did.</summary>
/// <param name="Holder">With <see cref="ContentSwapOutcome.ContentTaken"/>: the other document that
/// holds the new content.</param>
/// <param name="RunningLeaseExpiresAt">When the removed job was being worked on: the end of its
/// worker's lease. A worker of another process may write until then.</param>
public sealed record ContentSwap(ContentSwapOutcome Outcome, Document? Holder = null, DateTimeOffset? RunningLeaseExpiresAt = null);
