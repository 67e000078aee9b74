namespace RagPlatform.Infrastructure.Reranking;

/// <summary>A tokenised (query, passage) pair: ids with the special tokens, and their token types
/// (0 for <c>[CLS] query [SEP]</c>, 1 for <c>passage [SEP]</c>).</summary>
internal sealed record EncodedPair(int[] Ids, int[] TypeIds);
