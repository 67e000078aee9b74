using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Infrastructure.Tests.Ocr;

public sealed class IconReadingsTests
{
    private static readonly string[] LatinScreen = ["Document Scanner", "Single Page", "四", "=", "x", "0"];

    [Theory]
    [InlineData("=")]
    [InlineData("\"")]
    [InlineData("·")]
    [InlineData("四")]
    public void A_lone_symbol_or_a_lone_ideograph_among_latin_lines_is_an_icon(string reading)
    {
        Assert.True(IconReadings.IsIcon(reading, [.. LatinScreen, reading]));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("0")]
    [InlineData("A4")]
    [InlineData("Scan")]
    [InlineData("= 42")]
    public void Letters_digits_and_longer_readings_are_text(string reading)
    {
        Assert.False(IconReadings.IsIcon(reading, [.. LatinScreen, reading]));
    }

    [Fact]
    public void Lone_ideographs_do_not_make_each_other_text()
    {
        string[] menu = ["Single Page", "宣", "Text", "四", "Image"];

        Assert.True(IconReadings.IsIcon("宣", menu));
        Assert.True(IconReadings.IsIcon("四", menu));
    }

    [Fact]
    public void A_lone_ideograph_is_text_where_other_lines_are_chinese()
    {
        Assert.False(IconReadings.IsIcon("四", ["第四章", "四", "价格"]));
    }
}
