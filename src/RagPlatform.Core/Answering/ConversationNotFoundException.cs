namespace RagPlatform.Core.Answering;

/// <summary>A follow-up named a conversation that does not exist (or was deleted).</summary>
public sealed class ConversationNotFoundException : Exception
{
    public ConversationNotFoundException()
    {
    }

    public ConversationNotFoundException(string message)
        : base(message)
    {
    }

    public ConversationNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConversationNotFoundException(Guid id)
        : base($"No conversation has the id {id}: it may have been deleted. Leave conversationId out to start a new one.")
    {
    }
}
