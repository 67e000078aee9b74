namespace RagPlatform.Infrastructure.Tests.Clip;

/// <summary>One row of texts.jsonl.</summary>
internal sealed record TextFixture(string Text, int[] Ids, bool NeedsFtfy, float[] Embedding)
{
    public override string ToString() => Text.Length <= 40 ? Text : Text[..40] + "…";
}
