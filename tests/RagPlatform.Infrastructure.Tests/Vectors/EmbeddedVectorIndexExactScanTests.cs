using RagPlatform.Storage.Files;

namespace RagPlatform.Infrastructure.Tests.Vectors;

/// <summary>The same scenarios with <c>Storage:VectorScan = Exact</c> (fp32 scan, no codes read).</summary>
public sealed class EmbeddedVectorIndexExactScanTests : EmbeddedVectorIndexTests
{
    protected override VectorScanMode VectorScan => VectorScanMode.Exact;
}
