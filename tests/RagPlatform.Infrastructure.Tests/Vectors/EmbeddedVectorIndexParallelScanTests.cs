namespace RagPlatform.Infrastructure.Tests.Vectors;

/// <summary>The same scenarios with every search fanned out over cores.</summary>
public sealed class EmbeddedVectorIndexParallelScanTests : EmbeddedVectorIndexTests
{
    protected override int ParallelScanThreshold => 0;
}
