using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RagPlatform.LlmWire;

/// <summary>
/// Speaks OpenAI's chat completions API (<c>POST /v1/chat/completions</c>, also without the
/// <c>/v1</c> prefix, and <c>GET /v1/models</c>): a JSON <c>chat.completion</c>, or with
/// <c>"stream": true</c> server-sent <c>chat.completion.chunk</c> events ending in
/// <c>data: [DONE]</c>, one chunk per scripted piece of text; tool calls stream as
/// <c>tool_calls</c> deltas (id and name first, arguments in two fragments) and finish with
/// <c>finish_reason: "tool_calls"</c>. Usage comes in a final chunk when
/// <c>stream_options.include_usage</c> asks for it. Simplified: one choice, no logprobs, no
/// refusals, errors always of type <c>server_error</c>.
/// </summary>
public sealed class OpenAiWireServer : ChatWireServer
{
    private const long Created = 1_700_000_000;
    private int _answers;

    private OpenAiWireServer()
    {
    }

    public static async Task<OpenAiWireServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = new OpenAiWireServer();
        await server.ListenAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <summary>The endpoint to configure a client with: <c>http://127.0.0.1:port/v1</c>.</summary>
    public override Uri Endpoint => new(BaseAddress, "v1");

    protected override void MapEndpoints(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/v1/chat/completions", HandleChatAsync);
        app.MapPost("/chat/completions", HandleChatAsync);
        app.MapGet("/v1/models", ListModels);
        app.MapGet("/models", ListModels);
    }

    protected override void ReadChatRequest(RecordedRequest request) => OpenAiRequestReader.Read(request);

    protected override Task WriteFailureAsync(HttpContext context, WireReply reply)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(reply);
        var error = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["message"] = $"Scripted failure {reply.Status}.",
                ["type"] = "server_error",
                ["code"] = null,
            },
        };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(error.ToJsonString(), context.RequestAborted);
    }

    protected override async Task WriteAnswerAsync(HttpContext context, RecordedRequest request, WireReply reply)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reply);
        var id = $"chatcmpl-wire-{Interlocked.Increment(ref _answers)}";
        if (!request.Stream)
        {
            context.Response.ContentType = "application/json";
            var whole = Envelope(id, "chat.completion");
            whole["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["message"] = Message(reply),
                ["finish_reason"] = FinishReason(reply),
            });
            whole["usage"] = Usage(reply);
            var text = whole.ToJsonString();
            // A never-ending answer sends the start of its JSON and then nothing more.
            await WriteFlushedAsync(context, reply.NeverEnds ? text[..(text.Length / 2)] : text).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        await WriteEventAsync(context, Chunk(id, new JsonObject { ["role"] = "assistant", ["content"] = "" }, null)).ConfigureAwait(false);
        for (var i = 0; i < reply.Chunks.Count; i++)
        {
            await PauseBeforeChunkAsync(context, reply, i).ConfigureAwait(false);
            await WriteEventAsync(context, Chunk(id, new JsonObject { ["content"] = reply.Chunks[i] }, null)).ConfigureAwait(false);
        }

        for (var i = 0; i < reply.ToolCalls.Count; i++)
        {
            var call = reply.ToolCalls[i];
            var half = call.ArgumentsJson.Length / 2;
            await WriteEventAsync(context, Chunk(id, ToolCallDelta(i, call, call.ArgumentsJson[..half]), null)).ConfigureAwait(false);
            await WriteEventAsync(context, Chunk(id, ToolCallDelta(i, null, call.ArgumentsJson[half..]), null)).ConfigureAwait(false);
        }

        if (reply.NeverEnds)
        {
            return;
        }

        await WriteEventAsync(context, Chunk(id, new JsonObject(), FinishReason(reply))).ConfigureAwait(false);
        if (IncludeUsage(request))
        {
            var usage = Envelope(id, "chat.completion.chunk");
            usage["choices"] = new JsonArray();
            usage["usage"] = Usage(reply);
            await WriteEventAsync(context, usage).ConfigureAwait(false);
        }

        await WriteFlushedAsync(context, "data: [DONE]\n\n").ConfigureAwait(false);
    }

    private IResult ListModels() => Results.Text(
        new JsonObject
        {
            ["object"] = "list",
            ["data"] = new JsonArray(new JsonObject { ["id"] = ModelName, ["object"] = "model", ["created"] = Created, ["owned_by"] = "wire" }),
        }.ToJsonString(),
        "application/json");

    private JsonObject Envelope(string id, string kind) => new()
    {
        ["id"] = id,
        ["object"] = kind,
        ["created"] = Created,
        ["model"] = ModelName,
    };

    private JsonObject Chunk(string id, JsonObject delta, string? finishReason)
    {
        var chunk = Envelope(id, "chat.completion.chunk");
        chunk["choices"] = new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finishReason });
        return chunk;
    }

    private static JsonObject Message(WireReply reply)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = reply.ToolCalls.Count > 0 && reply.Chunks.Count == 0 ? null : reply.Text };
        if (reply.ToolCalls.Count > 0)
        {
            message["tool_calls"] = new JsonArray([.. reply.ToolCalls.Select(static c => (JsonNode)new JsonObject
            {
                ["id"] = c.Id,
                ["type"] = "function",
                ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = c.ArgumentsJson },
            })]);
        }

        return message;
    }

    /// <summary>The first delta of a call carries its id and name; later ones only arguments.</summary>
    private static JsonObject ToolCallDelta(int index, WireToolCall? first, string arguments)
    {
        var call = new JsonObject { ["index"] = index };
        if (first is not null)
        {
            call["id"] = first.Id;
            call["type"] = "function";
        }

        call["function"] = first is null
            ? new JsonObject { ["arguments"] = arguments }
            : new JsonObject { ["name"] = first.Name, ["arguments"] = arguments };
        return new JsonObject { ["tool_calls"] = new JsonArray(call) };
    }

    private static JsonObject Usage(WireReply reply)
    {
        var output = reply.OutputTokens ?? reply.Chunks.Count;
        return new JsonObject { ["prompt_tokens"] = reply.InputTokens, ["completion_tokens"] = output, ["total_tokens"] = reply.InputTokens + output };
    }

    private static string FinishReason(WireReply reply) => reply.ToolCalls.Count > 0 ? "tool_calls" : "stop";

    private static bool IncludeUsage(RecordedRequest request) =>
        request.Json() is var json
        && json.TryGetProperty("stream_options", out var options)
        && options.TryGetProperty("include_usage", out var include)
        && include.ValueKind == System.Text.Json.JsonValueKind.True;

    private static Task WriteEventAsync(HttpContext context, JsonObject data) => WriteFlushedAsync(context, $"data: {data.ToJsonString()}\n\n");
}
