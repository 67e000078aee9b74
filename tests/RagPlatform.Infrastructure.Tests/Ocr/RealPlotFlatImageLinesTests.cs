using RagPlatform.Infrastructure.Imaging;
using RagPlatform.Infrastructure.Ocr.FlatImageLines;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>OCR on <see cref="RealPlots"/> with <see cref="RagPlatform.Infrastructure.Ocr.OcrOptions.FlatImageLines"/>
/// on, within the bounds of <see cref="RealPlotTests"/> (the network's reading, measured on main
/// 6f974c8). Of the five, splinefit6 and the frame-less parts of none other are flat enough: hist's
/// bars, errorbar's error bars, polar's spiral and mesh's surface are pictures to the finder, and
/// go to the network; splinefit6's lines come from the finder (ticks and frame corners dropped as
/// pieces of the frame, "no robust fitting" read whole, and the lone tick labels "1" and "-1" the
/// network misses).</summary>
public sealed class RealPlotFlatImageLinesTests(OcrRecognizerWithFlatImageLinesFixture ocr) : IClassFixture<OcrRecognizerWithFlatImageLinesFixture>
{
    public static TheoryData<string> Files() => [.. RealPlots.Transcripts.Keys];

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_real_plot_reads_its_labels_and_ticks_with_flat_image_lines_on(string file)
    {
        var score = await RealPlots.ReadAsync(ocr.Recognizer, file, TestContext.Current.CancellationToken);

        TestContext.Current.SendDiagnosticMessage(score.Detail);
        var (minRecall, maxRate, maxJunk) = RealPlotTests.Bounds[file];
        Assert.True(score.Recall >= minRecall, score.Detail);
        Assert.True(score.Rate <= maxRate, score.Detail);
        Assert.True(score.Junk <= maxJunk, score.Detail);
    }

    [Fact]
    public async Task The_finder_itself_reads_the_framed_line_plot_and_leaves_the_others_to_the_network()
    {
        var flat = new List<string>();
        foreach (var file in RealPlots.Transcripts.Keys)
        {
            var bytes = await File.ReadAllBytesAsync(RealPlots.PathOf(file), TestContext.Current.CancellationToken);
            if (FlatImageLineFinder.Find(new SkiaImageDecoder(long.MaxValue).Decode(bytes).Pixels) is not null)
            {
                flat.Add(file);
            }
        }

        Assert.Equal(["octave-splinefit6.png"], flat);
    }

    [Fact]
    public async Task Splinefit6_reads_every_word_of_its_transcript_from_the_flat_lines()
    {
        var score = await RealPlots.ReadAsync(ocr.Recognizer, "octave-splinefit6.png", TestContext.Current.CancellationToken);

        Assert.True(score.WordsFound == score.Words && score.Junk == 0, score.Detail);
    }
}
