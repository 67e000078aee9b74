namespace RagPlatform.Core.Answering;

/// <summary>An image given to the model as image content: which source it shows and what it cost.</summary>
public sealed record SentImage(int SourceNumber, Guid ItemId, string MediaType, int Width, int Height, long Bytes);
