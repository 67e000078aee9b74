using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>Reading drawn text with the real PP-OCRv4 models. Bounds on the character error rate
/// (Levenshtein distance / reference length, lines matched by place) are set from measurements
/// with headroom of a few characters: measured 0 to 0.5% at 14 and 24 px, 0 to 0.9% at 9 to 11 px,
/// 0.3% on the scanned page. A broken step (colour order, normalisation, box growth, crop margin,
/// decoding) pushes them well past the bounds.</summary>
public sealed class PaddleOcrRecognizerTests(OcrRecognizerFixture ocr) : IClassFixture<OcrRecognizerFixture>
{
    private static readonly Dictionary<float, Lazy<OcrSample>> FontSheets =
        new[] { 10f, 11f, 14f, 24f }.ToDictionary(size => size, size => new Lazy<OcrSample>(() => OcrSamples.FontSheet(size)));

    private static readonly Dictionary<float, Lazy<OcrSample>> ColourSheets =
        new[] { 11f, 14f }.ToDictionary(size => size, size => new Lazy<OcrSample>(() => OcrSamples.ColourSheet(size)));

    private static readonly string[] ChartLabels = ["1000", "750", "903", "277", "North", "Central"];

    private static readonly Lazy<OcrSample> Screenshot = new(OcrSamples.Screenshot);
    private static readonly Lazy<OcrSample> Chart = new(OcrSamples.BarChart);
    private static readonly Lazy<OcrSample> Table = new(() => OcrSamples.FileTable());
    private static readonly Lazy<OcrSample> Scan = new(() => ScannedPage.Create(-2.5f));

    [Theory]
    [InlineData(14f)]
    [InlineData(24f)]
    public async Task Text_of_14_px_and_more_reads_with_at_most_3_percent_errors_in_every_font(float size)
    {
        var sample = FontSheets[size].Value;
        var lines = await ocr.ReadAsync(sample);

        AssertErrorRate(sample, lines, 0.03);
        AssertEveryLineRead(sample, lines, 0.1);
    }

    [Theory]
    [InlineData(10f)]
    [InlineData(11f)]
    public async Task Text_of_10_and_11_px_reads_with_at_most_5_percent_errors_in_every_font(float size)
    {
        var sample = FontSheets[size].Value;
        var lines = await ocr.ReadAsync(sample);

        AssertErrorRate(sample, lines, 0.05);
        AssertEveryLineRead(sample, lines, 0.15);
    }

    [Theory]
    [InlineData(11f)]
    [InlineData(14f)]
    public async Task Coloured_text_on_coloured_bands_reads_with_at_most_5_percent_errors(float size)
    {
        var sample = ColourSheets[size].Value;

        AssertErrorRate(sample, await ocr.ReadAsync(sample), 0.05);
    }

    [Fact]
    public async Task A_bar_chart_reads_its_title_tick_values_bar_values_and_categories()
    {
        var lines = await ocr.ReadAsync(Chart.Value);

        AssertErrorRate(Chart.Value, lines, 0.05);
        var texts = lines.Select(line => line.Text).ToList();
        Assert.Contains("Monthly active users by region", texts);
        Assert.All(ChartLabels, label => Assert.Contains(label, texts));
    }

    [Fact]
    public async Task A_1x_screenshot_reads_its_11_px_menu_in_order_and_its_labels_buttons_and_status_bar()
    {
        var lines = await ocr.ReadAsync(Screenshot.Value);

        AssertErrorRate(Screenshot.Value, lines, 0.05);
        Assert.Equal(["File", "Edit", "View", "Insert", "Format", "Tools", "Help"], lines.Take(7).Select(line => line.Text));
        Assert.Contains(lines, line => line.Text == "Save changes");
        Assert.Contains(lines, line => line.Text == "Last saved 2 minutes ago");
    }

    [Theory]
    [InlineData(-90f, "Rainfall in millimetres")] // bottom to top: the usual y-axis title
    [InlineData(90f, "Share of total shipments")] // top to bottom
    public async Task Text_turned_a_quarter_either_way_reads_like_an_axis_title(float degrees, string title)
    {
        using var canvas = new OcrCanvas(360, 320, SKColors.White);
        canvas.Text("Quarterly figures", 80, 30, TestFonts.DejaVuSans, 14, SKColors.Black);
        canvas.Canvas.Save();
        canvas.Canvas.Translate(degrees < 0 ? 40 : 300, degrees < 0 ? 280 : 60);
        canvas.Canvas.RotateDegrees(degrees);
        canvas.Text(title, 0, 0, TestFonts.DejaVuSans, 14, SKColors.Black, record: false);
        canvas.Canvas.Restore();
        var sample = canvas.Finish("axis title turned " + degrees.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var lines = await ocr.ReadAsync(sample);

        var best = lines.Select(line => line.Text).MinBy(text => RagPlatform.Core.Search.CharacterErrorRate.Compute(title, text)) ?? "";
        var rate = RagPlatform.Core.Search.CharacterErrorRate.Compute(title, best);
        Assert.True(rate <= 0.05, $"\"{title}\" read as \"{best}\" ({rate:P0}); all lines: {string.Join(" | ", lines.Select(line => line.Text))}");
        Assert.Contains(lines, line => line.Text == "Quarterly figures");
    }

    [Fact]
    public async Task A_table_of_10_px_text_on_alternating_rows_reads_with_at_most_5_percent_errors()
    {
        AssertErrorRate(Table.Value, await ocr.ReadAsync(Table.Value), 0.05);
    }

    [Fact]
    public async Task A_scanned_page_lying_askew_reads_in_reading_order_with_at_most_5_percent_errors()
    {
        var lines = await ocr.ReadAsync(Scan.Value, SKEncodedImageFormat.Jpeg);

        // Plain order, no matching by place: the title, the paragraph line by line, then the table
        // row by row although its rows slope by several pixels from name to amount.
        var rate = OcrScore.CharacterErrorRateInOrder(Scan.Value, lines);
        Assert.True(rate <= 0.05, $"Character error rate {rate:P1} in reading order; read:\n{string.Join('\n', lines.Select(line => line.Text))}");
    }

    [Fact]
    public async Task Boxes_land_where_the_text_was_drawn()
    {
        foreach (var sample in new[] { FontSheets[14].Value, Screenshot.Value, Chart.Value })
        {
            var lines = await ocr.ReadAsync(sample);
            TestContext.Current.SendDiagnosticMessage($"{sample.Name}: least overlap {sample.Lines.Min(drawn => lines.Max(line => OcrScore.IntersectionOverUnion(OcrScore.ToPixels(line, sample), drawn.Bounds))):0.00}");
            foreach (var drawn in sample.Lines)
            {
                var best = lines.Max(line => OcrScore.IntersectionOverUnion(OcrScore.ToPixels(line, sample), drawn.Bounds));
                Assert.True(best >= 0.4, $"\"{drawn.Text}\" drawn at {drawn.Bounds} in {sample.Name}: best overlap {best:0.00}");
            }

            Assert.All(lines, line => Assert.InRange(line.Confidence, 0.5, 1.0));
        }
    }

    [Fact]
    public async Task Images_without_text_have_no_lines()
    {
        // Known false positive, not covered here: exactly two bars standing on an axis line drawn
        // along their bottom edge read as "ll" (confidence 0.76); five bars on the same axis do not.
        using var chart = new OcrCanvas(400, 300, SKColors.White);
        for (var i = 0; i < 5; i++)
        {
            chart.Rectangle(new SKRect(40 + (i * 70), 100 + (i * 25), 90 + (i * 70), 260), new SKColor(66, 133, 244));
            chart.Line(20, 60 + (i * 40), 380, 60 + (i * 40), new SKColor(225, 225, 225));
        }

        chart.Line(20, 20, 20, 260, SKColors.Black);
        chart.Line(20, 260, 380, 260, SKColors.Black);
        using var pie = new OcrCanvas(300, 300, new SKColor(250, 250, 250));
        using (var paint = new SKPaint { Color = new SKColor(244, 180, 0), IsAntialias = true })
        {
            pie.Canvas.DrawCircle(150, 150, 100, paint);
        }

        using var blank = new OcrCanvas(640, 480, new SKColor(30, 60, 120));
        foreach (var sample in new[] { chart.Finish("bars without labels"), pie.Finish("circle"), blank.Finish("solid colour") })
        {
            Assert.Empty(await ocr.ReadAsync(sample));
        }

        Assert.Empty(await ocr.Recognizer.RecognizeAsync(Encoded(new SKBitmap(1, 1)), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Text_on_a_transparent_background_reads_as_on_white()
    {
        using var canvas = new OcrCanvas(420, 60, SKColors.Transparent);
        canvas.Text("Transparent backgrounds are common", 12, 38, TestFonts.DejaVuSans, 18, SKColors.Black);
        var sample = canvas.Finish("transparent");

        AssertErrorRate(sample, await ocr.ReadAsync(sample), 0.05);
    }

    [Theory]
    [InlineData("not an image at all")]
    [InlineData("PNG")]
    public async Task An_undecodable_image_is_rejected_with_a_reason(string kind)
    {
        var bytes = kind == "PNG"
            ? Screenshot.Value.Encode()[..200] // A PNG cut off after its header.
            : "not an image at all"u8.ToArray();

        var error = await Assert.ThrowsAsync<DocumentRejectedException>(() =>
            ocr.Recognizer.RecognizeAsync(new EncodedImage(bytes, "image/png", 720, 420), TestContext.Current.CancellationToken));
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public async Task A_cancelled_read_stops()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            ocr.Recognizer.RecognizeAsync(Encoded(Screenshot.Value.Bitmap), cancelled.Token));
    }

    private static EncodedImage Encoded(SKBitmap bitmap)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return new EncodedImage(png.ToArray(), "image/png", bitmap.Width, bitmap.Height);
    }

    private static void AssertErrorRate(OcrSample sample, IReadOnlyList<RecognizedLine> lines, double bound)
    {
        var rate = OcrScore.MatchedCharacterErrorRate(sample, lines);
        TestContext.Current.SendDiagnosticMessage($"{sample.Name}: character error rate {rate:P2}");
        Assert.True(rate <= bound, $"{sample.Name}: character error rate {rate:P1} > {bound:P0}; read:\n{string.Join('\n', lines.Select(line => line.Text))}");
    }

    /// <summary>No drawn line is lost or garbled, however good the rest.</summary>
    private static void AssertEveryLineRead(OcrSample sample, IReadOnlyList<RecognizedLine> lines, double bound)
    {
        foreach (var drawn in sample.Lines)
        {
            var read = lines
                .Where(line => OcrScore.IntersectionOverUnion(OcrScore.ToPixels(line, sample), drawn.Bounds) > 0.2)
                .Select(line => line.Text);
            var rate = Core.Search.CharacterErrorRate.Compute(drawn.Text, string.Join(' ', read));
            Assert.True(rate <= bound, $"\"{drawn.Text}\" read as \"{string.Join(" | ", read)}\" ({rate:P0})");
        }
    }
}
