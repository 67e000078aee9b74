using System.Text.Json;
using System.Text.Json.Serialization;

namespace RagPlatform.Cli.Eval;

// The JSON of one queries.jsonl line as written (by a person or by `rag eval --generate`), before
// it is checked into an EvalQuery. Kept together: they only make sense as a set.
#pragma warning disable CA1812 // Instantiated by the JSON serializer.

internal sealed record QueryLine(
    string? Id,
    string? Kind,
    string? Text,
    string? Image,
    IReadOnlyList<RelevantLine>? Relevant,
    IReadOnlyList<string>? Tags);

internal sealed record RelevantLine(string? Document, int? Page, string? Modality);

internal static class QueryLineJson
{
    /// <summary>Unknown fields are errors, so that a typo ("relevent", "modalty") is reported instead
    /// of silently widening what counts as relevant.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
