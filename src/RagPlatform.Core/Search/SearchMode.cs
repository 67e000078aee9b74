namespace RagPlatform.Core.Search;

/// <summary>Which retrievers a search may use. Hybrid is the product's search; the single-retriever
/// modes exist to measure each retriever on its own (`rag eval`) and to debug a ranking.</summary>
public enum SearchMode
{
    /// <summary>Lexical for text, dense for text and images when the encoder is available, fused.</summary>
    Hybrid,

    /// <summary>Full-text (BM25) only; needs a text query.</summary>
    Lexical,

    /// <summary>The CLIP space only; needs the encoder.</summary>
    Dense,
}
