namespace RagPlatform.Core.Answering;

/// <summary>A piece of the answer as the model writes it (citations not yet checked).</summary>
public sealed record AnswerTextDelta(string Text) : AnswerUpdate;
