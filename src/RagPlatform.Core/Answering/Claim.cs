namespace RagPlatform.Core.Answering;

/// <summary>A cited sentence of an answer and how well its sources support it.</summary>
/// <param name="Support">0..1: the cross-encoder's probability, or the share of the sentence's content
/// words found in the cited passages; null when the cited sources are images without text, which a
/// text check cannot judge.</param>
/// <param name="SupportMethod">"crossEncoder", "lexical", or "verbatim" for an extractive quote.</param>
/// <param name="Weak">Support below <see cref="AnsweringOptions.WeakSupportThreshold"/>.</param>
public sealed record Claim(string Sentence, IReadOnlyList<int> Citations, double? Support, string SupportMethod, bool Weak);
