using RagPlatform.Core.Answering;

namespace RagPlatform.Api.Chat;

/// <summary>The /api/conversations route group: stored conversations and their answered turns.</summary>
internal static class ConversationsApi
{
    private const int MaxPageSize = 500;

    public static RouteGroupBuilder MapConversationsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/conversations").WithTags("Chat");
        group.MapGet("/", ListAsync).WithSummary("Conversations, newest activity first");
        group.MapGet("/{id:guid}", GetAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("A conversation with its questions and checked answers");
        group.MapDelete("/{id:guid}", DeleteAsync)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Delete a conversation and its turns");
        return group;
    }

    private static async Task<IResult> ListAsync(IConversationStore store, CancellationToken cancellationToken, int skip = 0, int take = 100)
    {
        if (skip < 0 || take is < 1 or > MaxPageSize)
        {
            return Results.Problem($"skip must be 0 or more and take between 1 and {MaxPageSize}.", statusCode: StatusCodes.Status400BadRequest, title: "Invalid paging");
        }

        var conversations = await store.ListAsync(skip, take, cancellationToken);
        return TypedResults.Ok(new ConversationListDto([.. conversations.Select(ConversationDto.From)]));
    }

    private static async Task<IResult> GetAsync(Guid id, IConversationStore store, CancellationToken cancellationToken)
    {
        var conversation = await store.GetAsync(id, cancellationToken);
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
            [.. turns.Select(t => new ConversationTurnDto(t.Id, t.Question, t.CreatedAt, AnswerDto.From(id, t.Id, t.Answer)))]));
    }

    private static async Task<IResult> DeleteAsync(Guid id, IConversationStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(id, cancellationToken) ? Results.NoContent() : NotFound(id);

    private static IResult NotFound(Guid id) =>
        Results.Problem($"No conversation has the id {id}.", statusCode: StatusCodes.Status404NotFound, title: "Conversation not found");
}
