using System.Text.Json;
using RagPlatform.Cli.Api;

namespace RagPlatform.Cli.Eval;

/// <summary>What the server can do, as far as the evaluation cares: dense search (CLIP model loaded),
/// the text space (a sentence encoder, which answers text queries densely without CLIP), OCR (text read from images, which text→chart and text→screenshot queries need lexically) and
/// cross-encoder re-ranking (which reorders the text hits of every mode, so the report must say).</summary>
/// <param name="Chat">The answer mode(s) the server actually used for the dataset's questions
/// ("extractive" without a language model); null when no answer was measured.</param>
internal sealed record PlatformCapabilities(bool Dense, bool Ocr, bool Reranking = false, string? Chat = null, bool TextSpace = false)
{
    /// <summary>Whether a text query can be searched in dense mode: by CLIP or by the text space.</summary>
    public bool DenseText => Dense || TextSpace;

    /// <summary>OCR counts as available when /api/status says so, as <c>"ocr": true</c> or
    /// <c>"ocr": {"available": true, ...}</c>; a server that does not mention OCR has none.</summary>
    public static PlatformCapabilities From(StatusView status) =>
        new(status.Dense.Available, IsAvailable(status.Ocr), status.Reranking is { Enabled: true }, TextSpace: status.TextSpace is { Available: true });

    /// <summary>Why OCR is off, when the server says (<c>"ocr": {"available": false, "reason": "..."}</c>).</summary>
    public static string? OcrReasonOf(StatusView status) =>
        status.Ocr is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;

    private static bool IsAvailable(JsonElement? ocr) => ocr switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.Object } o => o.TryGetProperty("available", out var a) && a.ValueKind == JsonValueKind.True,
        _ => false,
    };
}
