using System.Text.Json;
using System.Text.Json.Serialization;

namespace RagPlatform.Core.Answering;

/// <summary>The form a conversation store keeps an answer in: one JSON document per turn, the same
/// on every engine, so that conversations move between engines unchanged.</summary>
public static class StoredAnswer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string Write(Answer answer) => JsonSerializer.Serialize(answer, Json);

    /// <exception cref="InvalidDataException">The document holds no answer.</exception>
    public static Answer Read(string json, Guid turnId) =>
        JsonSerializer.Deserialize<Answer>(json, Json) ?? throw new InvalidDataException($"Turn {turnId} has no answer.");
}
