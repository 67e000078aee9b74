namespace RagPlatform.Infrastructure.Tests.Clip;

/// <summary>One row of images.jsonl.</summary>
internal sealed record ImageFixture(string Name, string ImagePath, string PixelsPath, float[] Embedding)
{
    public override string ToString() => Name;
}
