namespace RagPlatform.Core.Ingestion;

/// <summary>Counts the tokens a text encoder sees, so that chunks fit its context window.</summary>
public interface ITokenCounter
{
    /// <summary>Tokens of the text alone, without start and end markers.</summary>
    int CountTokens(string text);

    /// <summary>The encoder's window for content, start and end markers already subtracted.</summary>
    int MaxContentTokens { get; }
}
