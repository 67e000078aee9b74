namespace RagPlatform.Core.Answering;

/// <summary>What the model is given: numbered sources (passages within the token budget) and the
/// images within the image budget.</summary>
public sealed record AnswerContext(IReadOnlyList<AnswerSource> Sources, IReadOnlyList<ContextImage> Images)
{
    public static AnswerContext Empty { get; } = new([], []);
}
