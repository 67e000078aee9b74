using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RagPlatform.Api.Collections;
using RagPlatform.Api.Errors;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Search;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace RagPlatform.Api.Chat;

/// <summary>POST /api/chat: a question answered from the documents, streamed as server-sent events
/// (conversation, tool, delta, answer, done — or error) or returned as one JSON answer.</summary>
internal static partial class ChatApi
{
    /// <summary>Largest request body, in bytes: a question of Search:MaxQueryLength characters and a
    /// scope of thousands of document ids fit many times over.</summary>
    private const long MaxBodyBytes = 1024 * 1024;

    public static RouteGroupBuilder MapChatApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/chat").WithTags("Chat");
        group.MapPost("/", HandleAsync)
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes))
            .Accepts<ChatRequestDto>("application/json")
            .Produces<AnswerDto>(StatusCodes.Status200OK, "application/json", "text/event-stream")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Ask a question: a grounded answer citing document, page and region")
            .WithDescription("""
                Streams server-sent events unless stream is false: `conversation` {conversationId, turnId, query},
                `tool` {name, arguments, result} (agentic mode), `delta` {text} pieces of the answer as the model
                writes them, `answer` (the checked AnswerDto: invalid citations removed, claims scored), `done`;
                or `error` (a problem document) if the model fails after the stream started. Without a language
                model (Chat:Provider None) the answer is extractive: quoted passages, never a made-up sentence.
                """);
        return group;
    }

    private static async Task<IResult> HandleAsync(
        [FromBody] ChatRequestDto? body,
        HttpContext http,
        AnswerService answers,
        IOptions<JsonOptions> json,
        ILoggerFactory loggers,
        bool? stream = null,
        string? collection = null)
    {
        if (body is null)
        {
            return Results.Problem("Send a JSON body such as {\"question\": \"…\"}.", statusCode: StatusCodes.Status400BadRequest, title: "Missing body");
        }

        if (body.Mode is AnswerMode.Extractive)
        {
            return Results.Problem("mode must be grounded or agentic; answers are extractive by themselves when no language model is configured.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid mode");
        }

        var name = CollectionAccess.Resolve(http, string.IsNullOrWhiteSpace(body.Collection) ? collection : body.Collection);
        var filter = new SearchFilter(new HashSet<Core.Documents.Modality>(), (body.DocumentIds ?? []).ToHashSet(), name);
        var request = new AnswerRequest(body.Question ?? string.Empty, body.ConversationId, filter, body.Mode ?? AnswerMode.Grounded);
        var cancellationToken = http.RequestAborted;
        if (!(stream ?? body.Stream ?? true))
        {
            var completed = await answers.AnswerOnceAsync(request, cancellationToken);
            return TypedResults.Ok(AnswerDto.From(completed.ConversationId, completed.TurnId, completed.Answer));
        }

        var updates = answers.AnswerAsync(request, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using (updates)
        {
            // The first step validates the question and the conversation: its errors are still
            // ordinary problem responses, before any event is sent.
            var hasFirst = await updates.MoveNextAsync();
            var events = new ServerSentEvents(http.Response, json.Value.SerializerOptions);
            events.Start();
            try
            {
                for (var more = hasFirst; more; more = await updates.MoveNextAsync())
                {
                    await WriteAsync(events, updates.Current, cancellationToken);
                }

                await events.WriteAsync("done", new { }, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var (status, title) = KnownExceptionHandler.Classify(ex);
                if (status == 0)
                {
                    LogStreamFailed(loggers.CreateLogger(typeof(ChatApi)), ex);
                    (status, title) = (StatusCodes.Status500InternalServerError, "Answer failed");
                }

                var detail = status == StatusCodes.Status500InternalServerError ? "The answer failed on the server; see its log." : ex.Message;
                await events.WriteAsync("error", new ProblemDetails { Status = status, Title = title, Detail = detail }, cancellationToken);
            }
        }

        return Results.Empty;
    }

    private static Task WriteAsync(ServerSentEvents events, AnswerUpdate update, CancellationToken cancellationToken) => update switch
    {
        AnswerStarted s => events.WriteAsync("conversation", new { s.ConversationId, s.TurnId, s.Query }, cancellationToken),
        AnswerToolCalled t => events.WriteAsync("tool", t.Call, cancellationToken),
        AnswerTextDelta d => events.WriteAsync("delta", new { d.Text }, cancellationToken),
        AnswerCompleted c => events.WriteAsync("answer", AnswerDto.From(c.ConversationId, c.TurnId, c.Answer), cancellationToken),
        _ => Task.CompletedTask,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "A streamed answer failed after its first event")]
    private static partial void LogStreamFailed(ILogger logger, Exception exception);
}
