using SkiaSharp;
using static RagPlatform.Cli.Eval.Synthetic.DatasetWriter;

namespace RagPlatform.Cli.Eval.Synthetic;

/// <summary>Mostly-text documents: policies, a timetable with a real (text-layer) table, a guide with
/// a captioned photo, a memo that shares words with the others, and a report with a scatter chart.</summary>
internal static class ReferenceDocuments
{
    // The strings answer questions expect as key facts are written into the documents from here.
    private const string BorrowingLimit = "twelve items";
    private const string StudyRoomBooking = "four hours";
    private const string TourStart = "eleven every morning";
    private const string AudioGuideLanguages = "five languages";
    private const string StudyRoomsSentence = $"The quiet study rooms on the second floor can be booked for up to {StudyRoomBooking}.";
    private const string ToursSentence = $"Guided tours start at {TourStart} from the ticket desk; audio guides are available in {AudioGuideLanguages}.";

    /// <summary>Station, departure, platform, notes: the timetable's rows, as real text.</summary>
    private static readonly string[][] Departures =
    [
        ["Ashford Junction", "07:42", "3", "Change for the airport"],
        ["Millbrook", "08:05", "1", "Step-free access"],
        ["Carrow Bridge", "08:31", "2", "Request stop"],
        ["Eastleigh Vale", "08:58", "4", "Buffet car"],
    ];

    public static void Write(DatasetWriter w)
    {
        Library(w);
        Timetable(w);
        Museum(w);
        Memo(w);
        Vineyard(w);
    }

    private static void Library(DatasetWriter w)
    {
        const string name = "library-policy.pdf";
        using var pdf = new PdfComposer("Library Policy");
        pdf.NewPage().Heading("Borrowing Rules")
            .Paragraph($"Members may borrow up to {BorrowingLimit} at a time. Books are lent for three weeks and can be renewed twice online unless another reader has placed a hold on them.")
            .Paragraph("Overdue items incur a fine of twenty cents a day, capped at the replacement cost of the item.");
        pdf.NewPage().Heading("Quiet Study Rooms")
            .Paragraph(StudyRoomsSentence + " Phones must be switched to silent and conversations moved to the lounge by the stairs.");
        w.Document(name, pdf);

        w.TextQuery("library-renewals", QueryKinds.TextToText, "books renewed twice unless another reader placed a hold", In(name, 1, "text"), "paragraph");
        w.AnswerableQuestion("library-borrowing-limit", "How many items may a library member borrow at a time?", In(name, 1), [BorrowingLimit], "paragraph");
        w.AnswerableQuestion("library-study-room-booking", "For how long can the quiet study rooms be booked?", In(name, 2), [StudyRoomBooking], "paragraph");
        w.TextQuery("library-study-rooms", QueryKinds.TextToText, "quiet study rooms booked for four hours", In(name, 2, "text"), "paragraph");
        w.ImageQuery("library-study-rooms-card", QueryKinds.ImageToText, w.QueryImage("study-rooms-sentence.png", TextCardPainter.Draw(StudyRoomsSentence).Bytes), In(name, 2, "text"), "rendered-text");
    }

    private static void Timetable(DatasetWriter w)
    {
        const string name = "rail-timetable-summary.pdf";
        using var pdf = new PdfComposer("Weekday Rail Timetable Summary");
        pdf.NewPage().Heading("Weekday Rail Timetable Summary")
            .Paragraph("Morning departures on the coastal line, valid from the first Monday of September.")
            .Table(["Station", "Departure", "Platform", "Notes"], Departures, [140, 80, 70, 170]);
        w.Document(name, pdf);

        w.TextQuery("rail-millbrook", QueryKinds.TextToText, "Millbrook departure step-free access", In(name, 1, "text"), "table");
        var millbrook = Departures.Single(row => row[0] == "Millbrook");
        w.AnswerableQuestion("rail-millbrook-departure", "When does the morning train leave Millbrook, and what access does the station offer?", In(name, 1), [millbrook[1], millbrook[3]], "table");
    }

    private static void Museum(DatasetWriter w)
    {
        const string name = "museum-guide.pdf";
        var astrolabe = ScenePainter.Astrolabe();
        using var pdf = new PdfComposer("Museum Guide");
        pdf.NewPage().Heading("Museum Guide")
            .Paragraph("The maritime gallery on the ground floor tells the story of the town's whaling fleet through logbooks, harpoons and a restored longboat.")
            .Paragraph(ToursSentence);
        pdf.NewPage().Heading("Scientific Instruments")
            .Paragraph("The east gallery holds navigation instruments collected by a family of clockmakers over three centuries.")
            .Figure(astrolabe, isJpeg: true, 330, "Photo 3. The bronze astrolabe displayed in the east gallery.");
        w.Document(name, pdf);

        w.AnswerableQuestion("museum-tours", "When do the museum's guided tours start, and in how many languages are audio guides available?", In(name, 1), [TourStart, AudioGuideLanguages], "paragraph");
        w.TextQuery("museum-whaling", QueryKinds.TextToText, "whaling fleet logbooks harpoons restored longboat", In(name, 1, "text"), "paragraph");
        w.TextQuery("museum-astrolabe-caption", QueryKinds.TextToImage, "bronze astrolabe in the east gallery", In(name, 2), "caption", "photo");
        w.ImageQuery("museum-tours-card", QueryKinds.ImageToText, w.QueryImage("tours-sentence.png", TextCardPainter.Draw(ToursSentence).Bytes), In(name, 1, "text"), "rendered-text");
        w.ImageQuery("museum-astrolabe-to-caption", QueryKinds.ImageToText, w.QueryImage("astrolabe.png", Raster.Reencode(astrolabe, SKEncodedImageFormat.Png, 100)), In(name, 2, "text"), "caption", "photo");
    }

    /// <summary>A distractor: it mentions the harbour channel, the clinic's evening sessions and the
    /// library, so lexical matches on those words compete with the real answers.</summary>
    private static void Memo(DatasetWriter w)
    {
        const string name = "budget-memo.pdf";
        using var pdf = new PdfComposer("Memo: Draft Budget");
        pdf.NewPage().Heading("Memo: Draft Budget")
            .Paragraph("The draft budget sets aside funds for dredging the harbour channel, for the clinic's evening sessions and for new shelving in the quiet study rooms of the library.")
            .Paragraph("Departments should submit revised spending plans by the end of the quarter; late submissions will be considered in the spring review.");
        w.Document(name, pdf);

        w.TextQuery("memo-spending-plans", QueryKinds.TextToText, "revised spending plans late submissions", In(name, 1, "text"), "paragraph");
    }

    private static void Vineyard(DatasetWriter w)
    {
        const string name = "vineyard-report.pdf";
        var chart = ChartPainter.Scatter(new ChartSpec(
            "Ripeness Survey", "Sugar (Brix)", "Acidity (g/L)", [],
            [
                new ChartSeries("Riesling", [18, 9, 19, 8.5, 20, 8, 21, 7.4, 22, 7], new SKColor(0x2C, 0xA0, 0x2C)),
                new ChartSeries("Sylvaner", [17, 7, 18, 6.6, 19.5, 6.1, 20.5, 5.8, 21, 5.2], new SKColor(0x94, 0x67, 0xBD)),
            ]));
        using var pdf = new PdfComposer("Vineyard Field Report");
        pdf.NewPage().Heading("Vineyard Field Report")
            .Paragraph("Grapes on the south-facing slope ripened unevenly this year; the lower terraces were picked a week before the upper ones.")
            .Figure(chart.Bytes, isJpeg: false, 380, "Figure 4. Sugar and acidity of samples from each terrace.");
        w.Document(name, pdf);

        w.Transcript("vineyard-chart", In(name, 1, "image"), chart, "chart", "pdf-figure");
        w.TextQuery("vineyard-terraces", QueryKinds.TextToText, "lower terraces picked a week before the upper ones", In(name, 1, "text"), "paragraph");
        w.TextQuery("vineyard-chart", QueryKinds.TextToImage, "ripeness riesling sylvaner", In(name, 1), "chart", "ocr");
    }
}
