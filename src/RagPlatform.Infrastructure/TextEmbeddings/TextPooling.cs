namespace RagPlatform.Infrastructure.TextEmbeddings;

/// <summary>How a sentence encoder's token states become one vector.</summary>
public enum TextPooling
{
    /// <summary>The state of the first token, [CLS] (bge).</summary>
    Cls,

    /// <summary>The mean of the states of the real tokens, padding excluded (e5, all-MiniLM).</summary>
    Mean,
}
