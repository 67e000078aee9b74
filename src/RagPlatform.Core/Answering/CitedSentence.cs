namespace RagPlatform.Core.Answering;

/// <summary>A sentence of an answer with the valid source numbers it cites (empty when none).</summary>
public sealed record CitedSentence(string Text, IReadOnlyList<int> Citations);
