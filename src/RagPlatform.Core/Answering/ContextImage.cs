using Microsoft.Extensions.AI;

namespace RagPlatform.Core.Answering;

/// <summary>An image of the context: the content given to the model and its record in the answer.</summary>
public sealed record ContextImage(DataContent Content, SentImage Sent);
