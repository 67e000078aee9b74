using RagPlatform.Cli.Api;
using RagPlatform.Cli.Eval;

namespace RagPlatform.Api.Tests.Eval;

/// <summary>Which stored text is a unit's OCR reading: the shapes below are those the ingestion
/// pipeline stores (PageIndexer), so that each OCR line is counted once and text-layer text never.</summary>
public sealed class UnitTextTests
{
    private static readonly IReadOnlyCollection<string> Image = ["chart.png"];
    private static readonly IReadOnlyCollection<string> Pdf = ["report.pdf"];

    private static DocumentDetailsView Details(IEnumerable<(int Page, bool HasTextLayer)> pages, params (string Modality, int Page, string? Text)[] items) => new(
        new DocumentView(Guid.NewGuid(), "x", "x", "ready", null, new ProgressView(1, 1, 100), items.Length, DateTimeOffset.UnixEpoch),
        pages.Select(p => new PageView(p.Page, p.HasTextLayer)).ToList(),
        items.Select(i => new ItemView(Guid.NewGuid(), i.Modality, i.Page, i.Text)).ToList());

    [Fact]
    public void An_uploaded_image_gives_its_image_items_lines_once_not_its_chunks_again()
    {
        var details = Details([(1, false)], ("image", 1, "Quayside Throughput\nQ1\nQ2"), ("text", 1, "Quayside Throughput Q1 Q2"));

        var text = UnitText.Of(new RelevantUnit("chart.png", null, null), [(Image, details)]);

        Assert.Null(text.Skipped);
        Assert.Equal(["Quayside Throughput", "Q1", "Q2"], text.Lines);
    }

    [Fact]
    public void A_figure_on_a_page_with_a_text_layer_gives_the_figure_lines_and_none_of_the_text_layer()
    {
        var details = Details([(1, true), (2, true)], ("page", 2, null), ("image", 2, "Triage Delays\nJan"), ("text", 2, "Figure 2. Average waiting time"), ("image", 1, "Elsewhere"));

        var text = UnitText.Of(new RelevantUnit("report.pdf", 2, null), [(Pdf, details)]);

        Assert.Equal(["Triage Delays", "Jan"], text.Lines);
    }

    [Fact]
    public void A_page_without_a_text_layer_and_without_images_gives_its_ocr_chunks()
    {
        var details = Details([(1, false)], ("page", 1, null), ("text", 1, "Dear Sir, thank you"), ("text", 1, "Yours faithfully"));

        var text = UnitText.Of(new RelevantUnit("report.pdf", 1, null), [(Pdf, details)]);

        Assert.Equal(["Dear Sir, thank you", "Yours faithfully"], text.Lines);
    }

    [Fact]
    public void An_image_ocr_read_nothing_in_is_scored_as_read_empty()
    {
        var details = Details([(1, true)], ("image", 1, null), ("text", 1, "caption"));

        var text = UnitText.Of(new RelevantUnit("report.pdf", 1, "image"), [(Pdf, details)]);

        Assert.Null(text.Skipped);
        Assert.Empty(text.Lines);
    }

    [Fact]
    public void A_unit_with_no_pixels_read_or_no_item_at_all_is_skipped_with_the_reason()
    {
        var details = Details([(1, true)], ("page", 1, null), ("text", 1, "text layer"));

        var textLayerOnly = UnitText.Of(new RelevantUnit("report.pdf", 1, null), [(Pdf, details)]);
        var noSuchPage = UnitText.Of(new RelevantUnit("report.pdf", 7, null), [(Pdf, details)]);

        Assert.Contains("nothing in it is read by OCR", textLayerOnly.Skipped, StringComparison.Ordinal);
        Assert.Contains("matches no item", noSuchPage.Skipped, StringComparison.Ordinal);
    }
}
