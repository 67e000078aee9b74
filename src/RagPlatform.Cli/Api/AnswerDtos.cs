using System.Text.Json;

namespace RagPlatform.Cli.Api;

// Client-side views of POST /api/chat and the conversations API (see the answering contract). Lists
// default to empty, so an older or terser server that leaves one out does not break the CLI. Kept
// together because they only make sense as a set.
#pragma warning disable CA1812 // Instantiated by the JSON serializer.

/// <param name="ConversationId">Null starts a conversation; an id continues it (the server rewrites
/// a follow-up into a standalone search query).</param>
/// <param name="DocumentIds">The scope; empty for the whole collection.</param>
/// <param name="Mode">"grounded" or "agentic".</param>
internal sealed record ChatRequestBody(string Question, Guid? ConversationId, IReadOnlyList<Guid> DocumentIds, string Mode, bool Stream, string? Collection = null);

/// <summary>The checked answer: its text, the sources the model saw, what it cited and how well.</summary>
internal sealed record AnswerView
{
    public Guid ConversationId { get; init; }

    public Guid TurnId { get; init; }

    public string Question { get; init; } = string.Empty;

    /// <summary>The standalone query used for retrieval (a follow-up rewritten).</summary>
    public string Query { get; init; } = string.Empty;

    /// <summary>"grounded", "agentic" or "extractive" (no language model: passages quoted verbatim).</summary>
    public string Mode { get; init; } = string.Empty;

    public string? Model { get; init; }

    /// <summary>The answer with its [n] markers; markers that named no source are removed.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>The answer says the documents do not hold what was asked.</summary>
    public bool NotFound { get; init; }

    public string? Notice { get; init; }

    public IReadOnlyList<AnswerSourceView> Sources { get; init; } = [];

    public IReadOnlyList<AnswerImageView> Images { get; init; } = [];

    /// <summary>Distinct cited sources, in the order of their first citation.</summary>
    public IReadOnlyList<CitationView> Citations { get; init; } = [];

    /// <summary>[n] markers of the model's text that named no source it was given.</summary>
    public IReadOnlyList<int> RemovedCitations { get; init; } = [];

    public IReadOnlyList<ClaimView> Claims { get; init; } = [];

    /// <summary>Sentences that make a claim without citing anything.</summary>
    public IReadOnlyList<string> Unsupported { get; init; } = [];

    public IReadOnlyList<ToolCallView> ToolCalls { get; init; } = [];

    public UsageView? Usage { get; init; }
}

/// <param name="Number">The n of [n], as the model saw the source.</param>
/// <param name="Modality">"text", "image" or "page".</param>
internal sealed record AnswerSourceView(int Number, Guid ItemId, Guid DocumentId, string DocumentName, int Page, string Modality, RegionView? Region, string? Snippet, string? ImageUrl, string? PageImageUrl, bool SentAsImage);

internal sealed record AnswerImageView(int SourceNumber, Guid ItemId, string MediaType, int Width, int Height, long Bytes);

internal sealed record CitationView(int Number, Guid DocumentId, string DocumentName, int Page, RegionView? Region, string? Snippet, string? ImageUrl, string? PageImageUrl);

/// <param name="Support">How well the cited sources support the sentence, in [0, 1]; null when it cites none.</param>
/// <param name="SupportMethod">"crossEncoder" or "lexical".</param>
internal sealed record ClaimView(string Sentence, IReadOnlyList<int> Citations, double? Support, string? SupportMethod, bool Weak);

internal sealed record ToolCallView(string Name, JsonElement? Arguments, string? Result);

internal sealed record UsageView(long InputTokens, long OutputTokens);

internal sealed record ConversationSummaryView(Guid Id, string? Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int TurnCount);

internal sealed record ConversationListView(IReadOnlyList<ConversationSummaryView> Conversations);

internal sealed record ConversationView(Guid Id, string? Title, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<TurnView> Turns);

/// <param name="Answer">Null for a turn whose answer failed.</param>
internal sealed record TurnView(Guid Id, string Question, DateTimeOffset CreatedAt, AnswerView? Answer);
