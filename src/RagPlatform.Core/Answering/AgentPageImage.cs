using Microsoft.Extensions.AI;

namespace RagPlatform.Core.Answering;

/// <summary>What get_page_image returns: a text for the tool result and, when found, the page image
/// to show the model (as image content in the next message: tool results are text-only in most
/// chat protocols).</summary>
public sealed record AgentPageImage(string Text, DataContent? Image);
