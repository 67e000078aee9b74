using System.Numerics;
using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>How wide a line is read at the recogniser's 48-pixel height: its aspect, widened by the
/// stretch only when the line is at least <see cref="OcrOptions.MinStretchedLineHeight"/> high.</summary>
public sealed class RecognitionWidthTests
{
    [Theory]
    [InlineData(20f, 240)] // 48 · 100 / 20, not widened
    [InlineData(24f, 250)] // 1.25 · 48 · 100 / 24
    [InlineData(30f, 200)] // 1.25 · 48 · 100 / 30
    public void Lines_lower_than_the_stretch_height_are_read_at_their_own_aspect(float height, int expected)
    {
        var line = new TextQuad(Vector2.Zero, new Vector2(100, 0), new Vector2(100, height), new Vector2(0, height));

        Assert.Equal(expected, TextLineRecognizer.LineWidth(line, maxWidth: 3200, stretch: 1.25f, minStretchedHeight: 24));
    }

    [Fact]
    public void Without_a_stretch_height_every_line_is_widened()
    {
        var line = new TextQuad(Vector2.Zero, new Vector2(100, 0), new Vector2(100, 12), new Vector2(0, 12));

        Assert.Equal(500, TextLineRecognizer.LineWidth(line, maxWidth: 3200, stretch: 1.25f));
    }
}
