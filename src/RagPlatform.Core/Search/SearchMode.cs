namespace RagPlatform.Core.Search;

/// <summary>Which retrievers a search may use. Hybrid is the product's search; the single-retriever
/// modes exist to measure each retriever on its own (`rag eval`) and to debug a ranking.</summary>
public enum SearchMode
{
    /// <summary>Lexical for text, CLIP for text and images when the encoder is available, the text
    /// space for text when its model is installed, fused.</summary>
    Hybrid,

    /// <summary>Full-text (BM25) only; needs a text query.</summary>
    Lexical,

    /// <summary>The dense spaces only, fused: CLIP's (text and image queries) and the text space's
    /// (text queries). Needs CLIP for an image query; a text query needs CLIP or the text model.</summary>
    Dense,
}
