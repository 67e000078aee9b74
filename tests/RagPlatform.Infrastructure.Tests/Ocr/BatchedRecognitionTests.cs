using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>Reading lines in batches (one tensor per group of similar widths, padded) gives the
/// text that reading them one at a time gives (but for spaces at either end, which the pipeline
/// trims).</summary>
public sealed class BatchedRecognitionTests(OcrModelFixture ocr) : IClassFixture<OcrModelFixture>
{
    [Fact]
    public void Batched_recognition_reads_the_same_text_as_one_line_at_a_time()
    {
        foreach (var sample in new[] { OcrSamples.BarChart(), OcrSamples.Screenshot(), OcrSamples.FileTable(), ScannedPage.Create(-2.5f) })
        {
            using var image = OcrModelFixture.Image(sample);
            var lines = ocr.Pipeline.Detect(image, TestContext.Current.CancellationToken)
                .Select(box => PaddleOcrPipeline.WithMargin(box, OcrModelFixture.Options)).ToList();
            var maxWidth = OcrModelFixture.Options.MaxRecognitionWidth;

            var single = new TextLineRecognizer(ocr.Model.Recognizer, ocr.Model.Decoder, 1, maxWidth).Recognize(image, lines, TestContext.Current.CancellationToken);
            var batched = new TextLineRecognizer(ocr.Model.Recognizer, ocr.Model.Decoder, 8, maxWidth).Recognize(image, lines, TestContext.Current.CancellationToken);

            Assert.True(lines.Count > 8, $"{sample.Name}: only {lines.Count} lines, too few to batch");
            // The pipeline trims what it reads: padding may add a space at either end.
            Assert.Equal(single.Select(line => line.Text.Trim()), batched.Select(line => line.Text.Trim()));
            Assert.All(single.Zip(batched), pair => Assert.Equal(pair.First.Confidence, pair.Second.Confidence, 0.1f));
        }
    }
}
