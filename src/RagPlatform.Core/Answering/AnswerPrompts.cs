using System.Globalization;
using System.Text;
using Microsoft.Extensions.AI;
using RagPlatform.Core.Documents;

namespace RagPlatform.Core.Answering;

/// <summary>The words the model is given: the rules of a grounded answer, the numbered sources with
/// their images, and the request to rewrite a follow-up as a standalone query.</summary>
public static class AnswerPrompts
{
    /// <summary>The sentence the model must give when the sources do not hold the answer; the answer
    /// check looks for it.</summary>
    public const string NotFoundSentence = "Not found in the documents.";

    public const string System = $"""
        You answer questions about the user's documents using only the numbered sources you are given
        (text passages and images of figures, pages and page regions).
        Rules:
        - State only what the sources say or show. Never use outside knowledge, never guess.
        - End every sentence that states a fact with the numbers of its sources in brackets, like [1] or [2, 3].
        - Cite only the numbers of sources you were given.
        - If the sources do not answer the question, reply with exactly "{NotFoundSentence}" (you may add a
          translation into the question's language after it) and nothing else.
        - Answer in the language of the question. Be concise.
        """;

    public const string Agent = $"""
        {System}
        You may call tools: search_documents to search the user's documents again (for another part of the
        question, or with other words) and get_page_image to look at a whole page. New sources get new
        numbers; cite them like the first ones. Search again only when the sources you have do not answer.
        """;

    public const string Rewrite = """
        Rewrite the user's last question as one standalone search query for their documents, resolving
        pronouns and references from the conversation. Keep the question's language and its key terms.
        Reply with the query only: no quotes, no explanation.
        """;

    /// <summary>Earlier turns as the model reads them: each question and the checked answer's text.</summary>
    public static IEnumerable<ChatMessage> History(IEnumerable<ConversationTurn> turns) =>
        turns.SelectMany(turn => new[] { new ChatMessage(ChatRole.User, turn.Question), new ChatMessage(ChatRole.Assistant, turn.Answer.Text) });

    /// <summary>The user's turn: the sources as text (each with its document and page), the images
    /// after it, each introduced by its number, then the question.</summary>
    public static ChatMessage Question(string question, AnswerContext context)
    {
        var contents = new List<AIContent> { new TextContent(SourcesText(context.Sources) + $"\nQuestion: {question}") };
        foreach (var image in context.Images)
        {
            var source = context.Sources.First(s => s.Number == image.Sent.SourceNumber);
            contents.Add(new TextContent($"Image of source [{source.Number}] ({Describe(source)}):"));
            contents.Add(image.Content);
        }

        return new ChatMessage(ChatRole.User, contents);
    }

    /// <summary>Sources as the model reads them: "[n] file, page p (kind):" and the passage.</summary>
    public static string SourcesText(IReadOnlyList<AnswerSource> sources)
    {
        if (sources.Count == 0)
        {
            return "Sources: none were found.\n";
        }

        var text = new StringBuilder("Sources:\n");
        foreach (var source in sources)
        {
            text.Append(CultureInfo.InvariantCulture, $"[{source.Number}] {Describe(source)}{(source.SentAsImage ? "; image attached" : string.Empty)}:\n");
            text.Append(source.Passage ?? "(no text: see its image)").Append("\n\n");
        }

        return text.ToString();
    }

    private static string Describe(AnswerSource source)
    {
        var kind = source.Hit.Modality switch
        {
            Modality.Image => "figure",
            Modality.Page => "whole page",
            _ => "text",
        };
        return string.Create(CultureInfo.InvariantCulture, $"{source.Hit.DocumentName}, page {source.Hit.Page}, {kind}");
    }
}
