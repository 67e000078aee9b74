namespace RagPlatform.LlmWire;

/// <summary>An image part of a recorded message, decoded from base64. <see cref="MediaType"/> is
/// the one the wire named (OpenAI data URLs), or read from the magic bytes where the protocol sends
/// none (Ollama's <c>images</c>).</summary>
public sealed record RecordedImage(string MediaType, byte[] Bytes);
