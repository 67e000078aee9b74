using Google.Protobuf;

namespace RagPlatform.QdrantWire;

/// <summary>One call the server received, whether it was answered or refused.</summary>
/// <param name="Method">Full method name, e.g. <c>/qdrant.Points/Query</c>.</param>
/// <param name="Request">The request message as the client sent it.</param>
/// <param name="ApiKey">The <c>api-key</c> header; null when absent.</param>
public sealed record WireCall(string Method, IMessage Request, string? ApiKey);
