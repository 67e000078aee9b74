using RagPlatform.Core.Search;

namespace RagPlatform.Core.Answering;

/// <summary>One numbered source of an answer's context, as the model saw it.</summary>
/// <param name="Number">The n of [n], from 1.</param>
/// <param name="Passage">The text given to the model (null when the source went as an image only).</param>
/// <param name="SentAsImage">True when the model also got the source's image.</param>
public sealed record AnswerSource(int Number, SearchHit Hit, string? Passage, bool SentAsImage);
