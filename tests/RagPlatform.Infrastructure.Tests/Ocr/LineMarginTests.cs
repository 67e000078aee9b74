using System.Numerics;
using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>The crop a line is read from: its box grown along the text at its ends and across it
/// above and below, each by its own fraction of the line's height.</summary>
public sealed class LineMarginTests
{
    [Fact]
    public void An_upright_line_grows_by_its_own_margin_at_the_ends_and_above_and_below()
    {
        var line = new TextQuad(Vector2.Zero, new Vector2(100, 0), new Vector2(100, 20), new Vector2(0, 20));
        var options = new OcrOptions { LineMarginAcross = 0.1 };

        var grown = PaddleOcrPipeline.WithMargin(line, options);

        Assert.Equal(new TextQuad(new Vector2(-4, -2), new Vector2(104, -2), new Vector2(104, 22), new Vector2(-4, 22)), grown);
    }

    [Fact]
    public void A_line_turned_a_quarter_grows_along_its_own_text()
    {
        // A tall box whose text runs top to bottom: after the quarter turn its text runs along y.
        var line = new TextQuad(Vector2.Zero, new Vector2(10, 0), new Vector2(10, 50), new Vector2(0, 50)).QuarterTurned();

        var grown = line.Grow(along: 3, acrossText: 1);

        Assert.Equal(50 + 6, grown.Width, 3);
        Assert.Equal(10 + 2, grown.Height, 3);
        Assert.Equal(new Vector2(11, -3), grown.TopLeft);
    }

    [Fact]
    public void The_default_margins_unstretched_read_a_line_in_fewer_columns_than_the_old_ones_stretched()
    {
        var line = new TextQuad(Vector2.Zero, new Vector2(100, 0), new Vector2(100, 20), new Vector2(0, 20));
        var options = new OcrOptions();
        int Width(double across, double stretch) =>
            TextLineRecognizer.LineWidth(PaddleOcrPipeline.WithMargin(line, new OcrOptions { LineMarginAcross = across }), maxWidth: 3200, (float)stretch);

        Assert.Equal(186, Width(0.2, 1)); // 48 · (100 + 2 · 4) / (20 + 2 · 4)
        Assert.Equal(216, Width(0.1, 1)); // 48 · 108 / 24: a smaller margin across reads the text larger
        Assert.Equal(223, Width(0.2, 1.2)); // the old defaults: 1.2 · 186
        Assert.Equal(216, Width(options.LineMarginAcross, options.RecognitionStretch));
    }
}
