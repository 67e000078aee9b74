using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Answering;

/// <summary>Settings of answering (appsettings section <c>Answering</c>): what goes into the
/// model's context, and how claims are judged.</summary>
public sealed class AnsweringOptions
{
    public const string Section = "Answering";

    /// <summary>Sources (passages, figures, pages) numbered in the context.</summary>
    [Range(1, 50)]
    public int MaxSources { get; set; } = 8;

    /// <summary>Tokens of passage text in the context, counted with GPT-4o's tokenizer (o200k_base);
    /// other models' tokenizers land within about 20% of it.</summary>
    [Range(100, 200_000)]
    public int MaxPassageTokens { get; set; } = 3000;

    /// <summary>Images sent as image content (figures, pages, crops of text regions).</summary>
    [Range(0, 16)]
    public int MaxImages { get; set; } = 4;

    /// <summary>Longest side of an image sent, in pixels (vision models tile at about 512-1024 px).</summary>
    [Range(64, 4096)]
    public int MaxImageSide { get; set; } = 1024;

    /// <summary>Pixels of all images of one answer together.</summary>
    [Range(4096, 67_108_864)]
    public int MaxImagePixels { get; set; } = 4_000_000;

    /// <summary>Earlier turns of a conversation sent with a follow-up question.</summary>
    [Range(0, 50)]
    public int MaxHistoryTurns { get; set; } = 6;

    /// <summary>Model calls of an agentic answer (each may ask for tools); the last one answers without tools.</summary>
    [Range(1, 16)]
    public int AgentMaxSteps { get; set; } = 4;

    /// <summary>A cited sentence whose support (0..1) is below this is flagged as weakly supported.</summary>
    [Range(0.0, 1.0)]
    public double WeakSupportThreshold { get; set; } = 0.35;

    /// <summary>Without a model, a passage answers only when it covers at least this share (0..1) of
    /// the question's content words (or the cross-encoder's probability reaches it).</summary>
    [Range(0.0, 1.0)]
    public double ExtractiveMinSupport { get; set; } = 0.5;
}
