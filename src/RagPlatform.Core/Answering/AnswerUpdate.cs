namespace RagPlatform.Core.Answering;

/// <summary>One step of a streamed answer: <see cref="AnswerStarted"/>, then any
/// <see cref="AnswerToolCalled"/> and <see cref="AnswerTextDelta"/>, then <see cref="AnswerCompleted"/>.</summary>
public abstract record AnswerUpdate;
