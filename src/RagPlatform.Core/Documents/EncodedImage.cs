namespace RagPlatform.Core.Documents;

/// <summary>An image as file bytes (PNG, JPEG, ...) with its decoded size in pixels.</summary>
public sealed record EncodedImage(ReadOnlyMemory<byte> Data, string MediaType, int PixelWidth, int PixelHeight);
