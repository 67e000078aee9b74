namespace RagPlatform.Benchmarks.Inference;

/// <summary>Which half of the dual encoder.</summary>
internal enum ClipTower
{
    Vision,
    Text,
}
