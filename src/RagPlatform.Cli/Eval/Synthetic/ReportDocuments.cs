using SkiaSharp;
using static RagPlatform.Cli.Eval.Synthetic.DatasetWriter;

namespace RagPlatform.Cli.Eval.Synthetic;

/// <summary>Reports whose figures are charts, tables and screenshots drawn as images: the words of a
/// figure (title, axes, legend, cells, labels) exist only as pixels, its caption only in the text
/// layer. Words queried as pixels must never appear in any text layer of the dataset (a test checks).</summary>
internal static class ReportDocuments
{
    private const string PilotageSentence = "Requests for pilotage rose steadily through the year. The night shift of pilots was extended to cover the early morning arrivals from the northern ferry routes.";

    // The strings answer questions expect as key facts are written into the documents from here.
    private const string ChannelDepth = "fourteen metres";
    private const string AppointmentGrowth = "a fifth";
    private const string AppointmentCause = "evening sessions";
    private const string InterconnectorOutage = "nine days";
    private const string BeeColonies = "six colonies";

    private static readonly SKColor Blue = new(0x1F, 0x77, 0xB4);
    private static readonly SKColor Orange = new(0xFF, 0x7F, 0x0E);

    public static void Write(DatasetWriter w)
    {
        Harbour(w);
        Clinic(w);
        Energy(w);
        Orchard(w);
        ReleaseNotes(w);
    }

    private static void Harbour(DatasetWriter w)
    {
        const string name = "harbour-annual-report.pdf";
        var chart = ChartPainter.Bars(new ChartSpec(
            "Quayside Throughput", "Quarter", "Kilotonnes", ["Q1", "Q2", "Q3", "Q4"],
            [new ChartSeries("Wexford Pier", [420, 515, 610, 580], Blue), new ChartSeries("Bellamy Dock", [300, 340, 455, 500], Orange)]));
        using var pdf = new PdfComposer("Harbour Authority Annual Report");
        pdf.NewPage().Heading("Harbour Authority Annual Report")
            .Paragraph($"The harbour authority dredged the eastern channel to a depth of {ChannelDepth} during the spring, so that larger bulk carriers can now berth without waiting for high tide.")
            .Paragraph(PilotageSentence)
            .Paragraph("Two new tugboats were ordered from a shipyard in the south and will enter service next autumn, replacing vessels that had served the port for thirty years.");
        pdf.NewPage().Heading("Cargo")
            .Paragraph("Container volumes recovered after a slow winter, helped by a new weekly service to the continent.")
            .Figure(chart.Bytes, isJpeg: false, 400, "Figure 1. Cargo handled at the two container terminals over the last four quarters.");
        pdf.NewPage().Heading("Safety and maintenance")
            .Paragraph("The breakwater lights were rewired and fitted with solar panels, and the foghorn on the outer mole was overhauled after a winter of salt damage.")
            .Paragraph("No serious accidents were recorded on the quays; two minor injuries involved mooring lines.");
        w.Document(name, pdf);

        w.Transcript("harbour-chart", In(name, 2, "image"), chart, "chart", "pdf-figure");
        w.AnswerableQuestion("harbour-channel-depth", "How deep was the harbour's eastern channel dredged?", In(name, 1), [ChannelDepth], "paragraph");
        w.TextQuery("harbour-dredging", QueryKinds.TextToText, "dredged the eastern channel to fourteen metres", In(name, 1, "text"), "paragraph");
        w.TextQuery("harbour-breakwater", QueryKinds.TextToText, "breakwater lights rewired with solar panels", In(name, 3, "text"), "paragraph");
        w.TextQuery("harbour-chart-title", QueryKinds.TextToImage, "quayside throughput kilotonnes", In(name, 2), "chart", "ocr");
        w.TextQuery("harbour-chart-legend", QueryKinds.TextToImage, "Wexford Pier Bellamy Dock", In(name, 2), "chart", "ocr");

        // The y-axis title runs bottom to top: found only if OCR reads text turned a quarter.
        w.TextQuery("harbour-chart-axis-title", QueryKinds.TextToImage, "kilotonnes", In(name, 2), "chart", "ocr", "axis-title");
        w.TextQuery("harbour-chart-caption", QueryKinds.TextToImage, "cargo handled at the container terminals", In(name, 2), "caption");
        w.ImageQuery("harbour-chart-jpeg", QueryKinds.ImageToImage, w.QueryImage("harbour-chart.jpg", Raster.Reencode(chart.Bytes, SKEncodedImageFormat.Jpeg, 80)), In(name, 2, "image"), "chart", "reencoded");
        w.ImageQuery("harbour-pilotage-card", QueryKinds.ImageToText, w.QueryImage("pilotage-sentence.png", TextCardPainter.Draw(PilotageSentence).Bytes), In(name, 1, "text"), "rendered-text");
    }

    private static void Clinic(DatasetWriter w)
    {
        const string name = "clinic-quarterly-review.pdf";
        var chart = ChartPainter.Lines(new ChartSpec(
            "Triage Delays", "Month", "Minutes", ["Jan", "Feb", "Mar", "Apr", "May", "Jun"],
            [new ChartSeries("Paediatrics", [34, 41, 38, 29, 25, 22], Blue), new ChartSeries("Orthopaedics", [55, 61, 58, 52, 47, 49], Orange)]));
        var table = TablePainter.Draw(
            "Staffing Roster", ["Ward", "Nurses", "Physicians"],
            [["Heron Ward", "12", "4"], ["Kingfisher Ward", "9", "3"], ["Osprey Ward", "15", "5"]],
            [200, 120, 140]);
        using var pdf = new PdfComposer("Riverside Clinic Quarterly Review");
        pdf.NewPage().Heading("Riverside Clinic Quarterly Review")
            .Paragraph($"Outpatient appointments at the riverside clinic increased by {AppointmentGrowth} this quarter, largely because the {AppointmentCause} introduced in the spring proved popular with working parents.")
            .Figure(chart.Bytes, isJpeg: false, 380, "Figure 2. Average waiting time for a first appointment, by month.");
        pdf.NewPage().Heading("Staff")
            .Paragraph("Two physiotherapists joined the team, and the pharmacy now opens on Saturday mornings.")
            .Figure(table.Bytes, isJpeg: false, 320, "Table 1. Staff on duty per ward in the last week of the quarter.");
        w.Document(name, pdf);

        w.Transcript("clinic-chart", In(name, 1, "image"), chart, "chart", "pdf-figure");
        w.Transcript("clinic-table", In(name, 2, "image"), table, "table", "pdf-figure");
        w.AnswerableQuestion("clinic-appointments", "By how much did outpatient appointments at the clinic increase, and why?", In(name, 1), [AppointmentGrowth, AppointmentCause], "paragraph");
        w.TextQuery("clinic-evening-sessions", QueryKinds.TextToText, "evening sessions popular with working parents", In(name, 1, "text"), "paragraph");
        w.TextQuery("clinic-chart", QueryKinds.TextToImage, "triage delays paediatrics orthopaedics", In(name, 1), "chart", "ocr");
        w.TextQuery("clinic-table", QueryKinds.TextToImage, "staffing roster Kingfisher Osprey", In(name, 2), "table", "ocr");
        w.ImageQuery("clinic-chart-to-caption", QueryKinds.ImageToText, w.QueryImage("clinic-chart.png", chart.Bytes), In(name, 1, "text"), "caption", "chart");
    }

    private static void Energy(DatasetWriter w)
    {
        const string name = "energy-market-brief.pdf";
        var chart = ChartPainter.Pie(new ChartSpec(
            "Generation Mix", string.Empty, string.Empty, ["Hydroelectric", "Geothermal", "Offshore Wind", "Biomass", "Solar"],
            [new ChartSeries("Share", [38, 17, 24, 9, 12], Blue)]));
        using var pdf = new PdfComposer("Regional Energy Market Brief");
        pdf.NewPage().Heading("Regional Energy Market Brief")
            .Paragraph("Wholesale electricity prices fell during the mild winter, while demand from heat pumps grew faster than the grid operator had forecast.")
            .Paragraph($"The interconnector to the neighbouring island was out of service for {InterconnectorOutage} in February for cable repairs.")
            .Figure(chart.Bytes, isJpeg: false, 380, "Figure 3. Share of electricity produced by each source in the region last winter.");
        w.Document(name, pdf);

        w.Transcript("energy-chart", In(name, 1, "image"), chart, "chart", "pdf-figure");
        w.AnswerableQuestion("energy-interconnector-outage", "How long was the interconnector out of service?", In(name, 1), [InterconnectorOutage], "paragraph");
        w.TextQuery("energy-interconnector", QueryKinds.TextToText, "interconnector out of service for cable repairs", In(name, 1, "text"), "paragraph");
        w.TextQuery("energy-chart", QueryKinds.TextToImage, "generation mix geothermal hydroelectric", In(name, 1), "chart", "ocr");
        w.ImageQuery("energy-chart-scaled", QueryKinds.ImageToImage, w.QueryImage("energy-chart-90.png", Raster.Scale(chart.Bytes, 0.9)), In(name, 1, "image"), "chart", "scaled");
    }

    private static void Orchard(DatasetWriter w)
    {
        const string name = "orchard-field-notes.pdf";
        var orchard = ScenePainter.Orchard();
        using var pdf = new PdfComposer("Orchard Field Notes");
        pdf.NewPage().Heading("Orchard Field Notes")
            .Paragraph("The apple harvest started two weeks early after a dry August. Most of the russet trees carried a light crop, and the cider varieties were picked by hand.")
            .Figure(orchard, isJpeg: true, 360, "Photo 1. The old pear trees along the southern wall after pruning.");
        pdf.NewPage().Heading("Pollination")
            .Paragraph($"A local beekeeper moved {BeeColonies} into the orchard in April to help pollinate the late-flowering plums.")
            .Figure(ScenePainter.MeadowAtDusk(), isJpeg: true, 360, "Photo 2. Beehives at the edge of the meadow at dusk.");
        w.Document(name, pdf);

        w.AnswerableQuestion("orchard-bee-colonies", "How many bee colonies did the beekeeper move into the orchard?", In(name, 2), [BeeColonies], "paragraph");
        w.TextQuery("orchard-harvest", QueryKinds.TextToText, "russet trees light crop cider varieties picked by hand", In(name, 1, "text"), "paragraph");
        w.TextQuery("orchard-pear-caption", QueryKinds.TextToImage, "old pear trees along the southern wall", In(name, 1), "caption", "photo");
        w.TextQuery("orchard-beehive-caption", QueryKinds.TextToImage, "beehives at the edge of the meadow at dusk", In(name, 2), "caption", "photo");
        w.ImageQuery("orchard-photo-scaled", QueryKinds.ImageToImage, w.QueryImage("orchard-80.jpg", Raster.Scale(orchard, 0.8, SKEncodedImageFormat.Jpeg)), In(name, 1, "image"), "photo", "scaled");
    }

    private static void ReleaseNotes(DatasetWriter w)
    {
        const string name = "software-release-notes.pdf";
        var screenshot = Raster.Draw(460, 250, canvas =>
        {
            UiPainter.Window(canvas, 460, 250, "Preferences");
            UiPainter.Field(canvas, "Autosave interval", "5 minutes", 20, 50, 130, 150);
            UiPainter.Field(canvas, "Proxy hostname", "gate.example.org", 20, 86, 130, 200);
            UiPainter.Checkbox(canvas, "Send anonymous telemetry", false, 20, 124);
            UiPainter.Checkbox(canvas, "Check for updates at start", true, 20, 150);
            UiPainter.Button(canvas, "Discard", 270, 204, 80);
            UiPainter.Button(canvas, "Save", 360, 204, 80, primary: true);
        });
        using var pdf = new PdfComposer("Release Notes");
        pdf.NewPage().Heading("Release Notes, Version 4.2")
            .Paragraph("This release adds offline synchronisation of shared notebooks: edits made without a connection are merged when the laptop comes back online.")
            .Paragraph("Search results now open at the matching paragraph, and exported PDFs keep their bookmarks.")
            .Figure(screenshot.Bytes, isJpeg: false, 345, "Screenshot 1. The reworked preferences window of version 4.2.");
        w.Document(name, pdf);

        w.Transcript("release-screenshot", In(name, 1, "image"), screenshot, "screenshot", "pdf-figure");
        w.TextQuery("release-sync", QueryKinds.TextToText, "offline synchronisation of shared notebooks", In(name, 1, "text"), "paragraph");
        w.TextQuery("release-screenshot", QueryKinds.TextToImage, "autosave interval proxy hostname", In(name, 1), "screenshot", "ocr");
    }
}
