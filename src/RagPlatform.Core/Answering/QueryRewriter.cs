using Microsoft.Extensions.AI;

namespace RagPlatform.Core.Answering;

/// <summary>Turns a follow-up question into a standalone search query. With a model, the model
/// rewrites it from the conversation; without one, a short follow-up ("and in 2023?") borrows the
/// content words of the previous question, so that its search still finds the subject.</summary>
internal static class QueryRewriter
{
    /// <summary>A follow-up with fewer content words than this borrows the previous question's.</summary>
    private const int ShortFollowUpWords = 3;

    private const int MaxQueryLength = 500;

    public static async Task<string> RewriteAsync(IChatClient? chat, string question, IReadOnlyList<ConversationTurn> history, CancellationToken cancellationToken)
    {
        if (history.Count == 0)
        {
            return question;
        }

        if (chat is null)
        {
            return ContentWords.Of(question).Count >= ShortFollowUpWords ? question : $"{history[^1].Question} {question}";
        }

        var messages = new List<ChatMessage> { new(ChatRole.System, AnswerPrompts.Rewrite) };
        messages.AddRange(AnswerPrompts.History(history));

        messages.Add(new ChatMessage(ChatRole.User, question));
        var response = await chat.GetResponseAsync(messages, new ChatOptions { Temperature = 0 }, cancellationToken);
        var query = response.Text.Trim().Trim('"', '\'', '“', '”').Trim();
        return query.Length is 0 or > MaxQueryLength ? question : query;
    }
}
