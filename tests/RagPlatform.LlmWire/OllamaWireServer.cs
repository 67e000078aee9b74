using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace RagPlatform.LlmWire;

/// <summary>
/// Speaks Ollama's native API: <c>POST /api/chat</c> answers newline-delimited JSON, one
/// <c>{"model","created_at","message":{"role":"assistant","content":…},"done":false}</c> line per
/// scripted piece of text, then a <c>"done":true</c> line with the eval counts; with
/// <c>"stream": false</c> one JSON object. Tool calls come in one message as Ollama sends them
/// (<c>tool_calls</c> with <c>function.name</c> and <c>arguments</c> as a JSON object, no id).
/// <c>GET /api/tags</c>, <c>/api/version</c> and <c>/</c> answer as a running Ollama does.
/// Simplified: durations are fixed numbers, errors are <c>{"error": "…"}</c>.
/// </summary>
public sealed class OllamaWireServer : ChatWireServer
{
    private const string CreatedAt = "2025-01-01T00:00:00Z";

    private OllamaWireServer()
    {
    }

    public static async Task<OllamaWireServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = new OllamaWireServer();
        await server.ListenAsync(cancellationToken).ConfigureAwait(false);
        return server;
    }

    /// <summary>The endpoint to configure a client with: the server root.</summary>
    public override Uri Endpoint => BaseAddress;

    protected override void MapEndpoints(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/api/chat", HandleChatAsync);
        app.MapGet("/api/version", static () => Results.Text("""{"version":"0.12.0"}""", "application/json"));
        app.MapGet("/api/tags", ListModels);
        app.MapGet("/", static () => Results.Text("Ollama is running"));
    }

    protected override void ReadChatRequest(RecordedRequest request) => OllamaRequestReader.Read(request);

    protected override Task WriteFailureAsync(HttpContext context, WireReply reply)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(reply);
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(new JsonObject { ["error"] = $"scripted failure {reply.Status}" }.ToJsonString(), context.RequestAborted);
    }

    protected override async Task WriteAnswerAsync(HttpContext context, RecordedRequest request, WireReply reply)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(reply);
        if (!request.Stream)
        {
            context.Response.ContentType = "application/json; charset=utf-8";
            var whole = Done(reply, Message(reply.Text, reply.ToolCalls)).ToJsonString();
            // A never-ending answer sends the start of its JSON and then nothing more.
            await WriteFlushedAsync(context, reply.NeverEnds ? whole[..(whole.Length / 2)] : whole).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/x-ndjson";
        for (var i = 0; i < reply.Chunks.Count; i++)
        {
            await PauseBeforeChunkAsync(context, reply, i).ConfigureAwait(false);
            await WriteLineAsync(context, Line(Message(reply.Chunks[i], []), done: false)).ConfigureAwait(false);
        }

        if (reply.ToolCalls.Count > 0)
        {
            await WriteLineAsync(context, Line(Message("", reply.ToolCalls), done: false)).ConfigureAwait(false);
        }

        if (!reply.NeverEnds)
        {
            await WriteLineAsync(context, Done(reply, Message("", []))).ConfigureAwait(false);
        }
    }

    private IResult ListModels() => Results.Text(
        new JsonObject
        {
            ["models"] = new JsonArray(new JsonObject
            {
                ["name"] = ModelName,
                ["model"] = ModelName,
                ["modified_at"] = CreatedAt,
                ["size"] = 1,
                ["digest"] = "0000",
                ["details"] = new JsonObject { ["format"] = "gguf", ["family"] = "wire", ["parameter_size"] = "1B", ["quantization_level"] = "Q4_0" },
            }),
        }.ToJsonString(),
        "application/json");

    private JsonObject Line(JsonObject message, bool done) => new()
    {
        ["model"] = ModelName,
        ["created_at"] = CreatedAt,
        ["message"] = message,
        ["done"] = done,
    };

    private JsonObject Done(WireReply reply, JsonObject message)
    {
        var line = Line(message, done: true);
        line["done_reason"] = "stop";
        line["total_duration"] = 1_000_000;
        line["load_duration"] = 1_000;
        line["prompt_eval_count"] = reply.InputTokens;
        line["prompt_eval_duration"] = 1_000;
        line["eval_count"] = reply.OutputTokens ?? reply.Chunks.Count;
        line["eval_duration"] = 1_000;
        return line;
    }

    private static JsonObject Message(string content, IReadOnlyList<WireToolCall> calls)
    {
        var message = new JsonObject { ["role"] = "assistant", ["content"] = content };
        if (calls.Count > 0)
        {
            message["tool_calls"] = new JsonArray([.. calls.Select(static c => (JsonNode)new JsonObject
            {
                ["function"] = new JsonObject { ["name"] = c.Name, ["arguments"] = JsonNode.Parse(c.ArgumentsJson) },
            })]);
        }

        return message;
    }

    private static Task WriteLineAsync(HttpContext context, JsonObject line) => WriteFlushedAsync(context, line.ToJsonString() + "\n");
}
