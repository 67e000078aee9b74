using UglyToad.PdfPig.DocumentLayoutAnalysis.PageSegmenter;
using UglyToad.PdfPig.DocumentLayoutAnalysis.ReadingOrderDetector;

namespace RagPlatform.Benchmarks.Suites;

/// <summary>The page segmenter and reading-order detector as the platform's text layer reader
/// configures them, for timing each step on its own.</summary>
internal static class TextLayerSteps
{
    public static readonly DocstrumBoundingBoxes Segmenter = new(new DocstrumBoundingBoxes.DocstrumBoundingBoxesOptions { MaxDegreeOfParallelism = 1 });

    public static readonly UnsupervisedReadingOrderDetector Order =
        new(5, UnsupervisedReadingOrderDetector.SpatialReasoningRules.ColumnWise, useRenderingOrder: false);
}
