using Microsoft.Extensions.AI;

namespace RagPlatform.Core.Answering;

/// <summary>Runs a tool-calling model over the conversation: the model may call the toolbox's tools
/// (search again, fetch a page image) for at most maxSteps model calls, the last of
/// which gets no tools so that it must answer. Yields the model's text as it streams.</summary>
public interface IAnswerAgent
{
    IAsyncEnumerable<ChatResponseUpdate> RunAsync(
        IChatClient chat,
        IList<ChatMessage> messages,
        AgentToolbox tools,
        int maxSteps,
        CancellationToken cancellationToken);
}
