using System.Text.Json;

namespace RagPlatform.LlmWire;

/// <summary>Reads the chat fields of an OpenAI <c>/chat/completions</c> request body. Image parts
/// must be data URLs (<c>data:image/png;base64,…</c>); a web URL is recorded with no bytes.</summary>
internal static class OpenAiRequestReader
{
    public static void Read(RecordedRequest request)
    {
        var json = request.Json();
        request.Model = json.TryGetProperty("model", out var model) ? model.GetString() : null;
        request.Stream = json.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;
        if (json.TryGetProperty("messages", out var messages))
        {
            request.Messages = [.. messages.EnumerateArray().Select(ReadMessage)];
        }

        if (json.TryGetProperty("tools", out var tools))
        {
            request.ToolNames = [.. tools.EnumerateArray().Select(static t => t.GetProperty("function").GetProperty("name").GetString() ?? "")];
        }
    }

    private static RecordedMessage ReadMessage(JsonElement message)
    {
        List<string> texts = [];
        List<RecordedImage> images = [];
        if (message.TryGetProperty("content", out var content))
        {
            if (content.ValueKind == JsonValueKind.String)
            {
                texts.Add(content.GetString() ?? "");
            }
            else if (content.ValueKind == JsonValueKind.Array)
            {
                foreach (var part in content.EnumerateArray())
                {
                    switch (part.GetProperty("type").GetString())
                    {
                        case "text":
                            texts.Add(part.GetProperty("text").GetString() ?? "");
                            break;
                        case "image_url":
                            images.Add(ReadDataUrl(part.GetProperty("image_url").GetProperty("url").GetString() ?? ""));
                            break;
                        default:
                            break;
                    }
                }
            }
        }

        List<WireToolCall> calls = [];
        if (message.TryGetProperty("tool_calls", out var toolCalls) && toolCalls.ValueKind == JsonValueKind.Array)
        {
            foreach (var call in toolCalls.EnumerateArray())
            {
                var function = call.GetProperty("function");
                calls.Add(new WireToolCall(
                    call.GetProperty("id").GetString() ?? "",
                    function.GetProperty("name").GetString() ?? "",
                    function.GetProperty("arguments").GetString() ?? ""));
            }
        }

        var toolCallId = message.TryGetProperty("tool_call_id", out var id) ? id.GetString() : null;
        return new RecordedMessage(message.GetProperty("role").GetString() ?? "", texts, images, calls, toolCallId);
    }

    private static RecordedImage ReadDataUrl(string url)
    {
        const string Marker = ";base64,";
        var marker = url.IndexOf(Marker, StringComparison.Ordinal);
        if (!url.StartsWith("data:", StringComparison.Ordinal) || marker < 0)
        {
            return new RecordedImage("text/uri-list", []);
        }

        return new RecordedImage(url["data:".Length..marker], Convert.FromBase64String(url[(marker + Marker.Length)..]));
    }
}
