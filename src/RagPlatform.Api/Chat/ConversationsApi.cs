using RagPlatform.Api.Collections;
using RagPlatform.Core.Answering;

namespace RagPlatform.Api.Chat;

/// <summary>The /api/conversations route group: stored conversations and their answered turns.</summary>
internal static class ConversationsApi
{
    private const int MaxPageSize = 500;

    public static RouteGroupBuilder MapConversationsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/conversations").WithTags("Chat");
        group.MapGet("/", ListAsync).WithSummary("Conversations of a collection, newest activity first");
        group.MapGet("/{id:guid}", GetAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A conversation with its questions and checked answers");
        group.MapDelete("/{id:guid}", DeleteAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Delete a conversation and its turns");
        return group;
    }

    private static async Task<IResult> ListAsync(HttpContext http, IConversationStore store, CancellationToken cancellationToken, int skip = 0, int take = 100, string? collection = null)
    {
        var name = CollectionAccess.Resolve(http, collection);
        if (skip < 0 || take is < 1 or > MaxPageSize)
        {
            return Results.Problem($"skip must be 0 or more and take between 1 and {MaxPageSize}.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid paging");
        }

        var conversations = await store.ListAsync(name, skip, take, cancellationToken);
        return TypedResults.Ok(new ConversationListDto([.. conversations.Select(ConversationDto.From)]));
    }

    private static async Task<IResult> GetAsync(Guid id, HttpContext http, IConversationStore store, CancellationToken cancellationToken, string? collection = null)
    {
        var conversation = await VisibleAsync(http, store, id, collection, cancellationToken);
        if (conversation is null)
        {
            return NotFound(id);
        }

        var turns = await store.GetTurnsAsync(id, cancellationToken);
        return TypedResults.Ok(new ConversationDetailsDto(
            conversation.Id,
            conversation.Title,
            conversation.CreatedAt,
            conversation.UpdatedAt,
            [.. turns.Select(t => new ConversationTurnDto(t.Id, t.Question, t.CreatedAt, AnswerDto.From(id, t.Id, t.Answer)))],
            conversation.Collection));
    }

    private static async Task<IResult> DeleteAsync(Guid id, HttpContext http, IConversationStore store, CancellationToken cancellationToken, string? collection = null) =>
        await VisibleAsync(http, store, id, collection, cancellationToken) is not null && await store.DeleteAsync(id, cancellationToken)
            ? Results.NoContent()
            : NotFound(id);

    /// <summary>Null for a missing conversation and for one of a collection this request may not see.</summary>
    private static async Task<Conversation?> VisibleAsync(HttpContext http, IConversationStore store, Guid id, string? collection, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } conversation && CollectionAccess.MaySee(http, conversation.Collection, collection)
            ? conversation
            : null;

    private static IResult NotFound(Guid id) =>
        Results.Problem($"No conversation has the id {id}.", statusCode: StatusCodes.Status404NotFound, title: "Conversation not found");
}
