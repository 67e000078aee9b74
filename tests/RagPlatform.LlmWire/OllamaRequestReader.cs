using System.Text.Json;

namespace RagPlatform.LlmWire;

/// <summary>Reads the chat fields of an Ollama <c>/api/chat</c> request body. Ollama sends images
/// as bare base64 strings, so their media type is read from the magic bytes. A tool call has no id
/// on Ollama's wire; the recorded call's id is empty.</summary>
internal static class OllamaRequestReader
{
    public static void Read(RecordedRequest request)
    {
        var json = request.Json();
        request.Model = json.TryGetProperty("model", out var model) ? model.GetString() : null;
        // Ollama streams unless told not to.
        request.Stream = !(json.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.False);
        if (json.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            request.Messages = [.. messages.EnumerateArray().Select(ReadMessage)];
        }

        if (json.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array)
        {
            request.ToolNames = [.. tools.EnumerateArray().Select(static t => t.GetProperty("function").GetProperty("name").GetString() ?? "")];
        }
    }

    private static RecordedMessage ReadMessage(JsonElement message)
    {
        List<string> texts = [];
        if (message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String)
        {
            texts.Add(content.GetString() ?? "");
        }

        List<RecordedImage> images = [];
        if (message.TryGetProperty("images", out var encoded) && encoded.ValueKind == JsonValueKind.Array)
        {
            foreach (var image in encoded.EnumerateArray())
            {
                var bytes = Convert.FromBase64String(image.GetString() ?? "");
                images.Add(new RecordedImage(ImageMagic.MediaTypeOf(bytes), bytes));
            }
        }

        List<WireToolCall> calls = [];
        if (message.TryGetProperty("tool_calls", out var toolCalls) && toolCalls.ValueKind == JsonValueKind.Array)
        {
            foreach (var call in toolCalls.EnumerateArray())
            {
                var function = call.GetProperty("function");
                var id = call.TryGetProperty("id", out var callId) ? callId.GetString() ?? "" : "";
                calls.Add(new WireToolCall(id, function.GetProperty("name").GetString() ?? "", function.GetProperty("arguments").GetRawText()));
            }
        }

        var toolCallId = message.TryGetProperty("tool_call_id", out var resultId) ? resultId.GetString() : null;
        return new RecordedMessage(message.GetProperty("role").GetString() ?? "", texts, images, calls, toolCallId);
    }
}
