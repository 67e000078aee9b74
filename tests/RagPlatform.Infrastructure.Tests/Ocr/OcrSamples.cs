using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>Images with text of known content at known places, drawn by the tests: plain lines in
/// several fonts, sizes and colours, a bar chart, a 1x screenshot of an application window.</summary>
internal static class OcrSamples
{
    public static readonly string[] Fonts = ["DejaVu Sans", "DejaVu Serif", "DejaVu Sans Mono", "Nimbus Sans", "Nimbus Roman"];

    public static readonly string[] Sentences =
    [
        "Quarterly revenue rose 12.5% to $4.2 million",
        "The quick brown fox jumps over the lazy dog",
        "Invoice 2024-0117 is due on March 3, 2024",
        "Open Settings and choose Privacy and security",
        "Shipping to Zurich takes 3-5 working days",
    ];

    /// <summary>One line per font of <see cref="Fonts"/>, each a sentence of its own, black on
    /// white, <paramref name="size"/> pixels, lines 1.8 sizes apart with a margin of 2 sizes.</summary>
    public static OcrSample FontSheet(float size)
    {
        var lines = Fonts.Select((font, i) => (Sentences[i], TestFonts.ByName(font), SKColors.Black, SKColors.White)).ToArray();
        return Sheet($"fonts at {size} px", size, lines);
    }

    /// <summary>The sentences in colour on colour, each line on its own band: white on navy, red
    /// on light grey, mid grey on white, yellow on charcoal, dark green on pale green.</summary>
    public static OcrSample ColourSheet(float size)
    {
        (SKColor Ink, SKColor Paper)[] pairs =
        [
            (SKColors.White, new SKColor(20, 40, 90)),
            (new SKColor(200, 30, 30), new SKColor(235, 235, 235)),
            (new SKColor(140, 140, 140), SKColors.White),
            (new SKColor(250, 210, 60), new SKColor(45, 45, 48)),
            (new SKColor(20, 100, 40), new SKColor(220, 245, 225)),
        ];
        var lines = pairs.Select((pair, i) => (Sentences[i], TestFonts.DejaVuSans, pair.Ink, pair.Paper)).ToArray();
        return Sheet($"colours at {size} px", size, lines);
    }

    private static OcrSample Sheet(string name, float size, (string Text, SKTypeface Typeface, SKColor Ink, SKColor Paper)[] lines)
    {
        var margin = 2 * size;
        var pitch = 1.8f * size;
        var width = (int)Math.Ceiling(lines.Max(line => OcrCanvas.Measure(line.Text, line.Typeface, size)) + (2 * margin));
        var height = (int)Math.Ceiling((2 * margin) + (lines.Length * pitch));
        using var canvas = new OcrCanvas(width, height, SKColors.White);
        for (var i = 0; i < lines.Length; i++)
        {
            var top = margin + (i * pitch);
            canvas.Rectangle(new SKRect(0, top - (0.4f * size), width, top + pitch - (0.4f * size)), lines[i].Paper);
            canvas.Text(lines[i].Text, margin, top + size, lines[i].Typeface, size, lines[i].Ink);
        }

        return canvas.Finish(name);
    }

    /// <summary>A bar chart, 640 × 400: an 18 px bold title, 10 px tick labels beside light
    /// gridlines, coloured bars with 11 px value labels above them and 11 px category labels
    /// below, and a legend.</summary>
    public static OcrSample BarChart()
    {
        var sans = TestFonts.DejaVuSans;
        var grey = new SKColor(90, 90, 90);
        using var canvas = new OcrCanvas(640, 400, SKColors.White);
        canvas.Text("Monthly active users by region", 150, 34, TestFonts.DejaVuSansBold, 18, new SKColor(30, 30, 30));

        // Legend, top right, below the title.
        canvas.Rectangle(new SKRect(470, 52, 480, 62), new SKColor(66, 133, 244));
        canvas.Text("Users 2024", 486, 62, sans, 11, grey);

        // Plot area 70..600 × 80..340; gridlines every 250 users, tick labels left of them.
        string[] ticks = ["1000", "750", "500", "250", "0"];
        for (var i = 0; i < ticks.Length; i++)
        {
            var y = 80 + (i * 65);
            canvas.Line(70, y, 600, y, new SKColor(225, 225, 225));
            var tickWidth = OcrCanvas.Measure(ticks[i], sans, 10);
            canvas.Text(ticks[i], 62 - tickWidth, y + 4, sans, 10, grey);
        }

        canvas.Line(70, 80, 70, 340, new SKColor(60, 60, 60));
        canvas.Line(70, 340, 600, 340, new SKColor(60, 60, 60));

        (string Label, int Users)[] bars = [("North", 812), ("South", 640), ("East", 455), ("West", 903), ("Central", 277)];
        SKColor[] colours = [new(66, 133, 244), new(219, 68, 55), new(244, 180, 0), new(15, 157, 88), new(171, 71, 188)];
        var values = new List<(string, float, float)>();
        for (var i = 0; i < bars.Length; i++)
        {
            var left = 100 + (i * 100);
            var top = 340 - (bars[i].Users * 260f / 1000);
            canvas.Rectangle(new SKRect(left, top, left + 60, 340), colours[i]);
            values.Add((bars[i].Users.ToString(System.Globalization.CultureInfo.InvariantCulture), left + 30, top - 5));
        }

        foreach (var (text, centre, baseline) in values.OrderBy(value => value.Item3))
        {
            canvas.Text(text, centre - (OcrCanvas.Measure(text, sans, 11) / 2), baseline, sans, 11, new SKColor(40, 40, 40));
        }

        for (var i = 0; i < bars.Length; i++)
        {
            var label = bars[i].Label;
            canvas.Text(label, 130 + (i * 100) - (OcrCanvas.Measure(label, sans, 11) / 2), 358, sans, 11, grey);
        }

        return canvas.Finish("bar chart");
    }

    /// <summary>An application window at 1x, 720 × 420: an 11 px menu bar, a 13 px title, a
    /// sidebar of 11 px items, white 11 px labels on blue buttons and a 10 px status bar.</summary>
    public static OcrSample Screenshot()
    {
        var sans = TestFonts.DejaVuSans;
        var ink = new SKColor(33, 33, 33);
        using var canvas = new OcrCanvas(720, 420, new SKColor(250, 250, 250));

        // Menu bar.
        canvas.Rectangle(new SKRect(0, 0, 720, 24), new SKColor(236, 236, 236));
        var x = 10f;
        foreach (var item in new[] { "File", "Edit", "View", "Insert", "Format", "Tools", "Help" })
        {
            canvas.Text(item, x, 16, sans, 11, ink);
            x += OcrCanvas.Measure(item, sans, 11) + 22;
        }

        // Sidebar and page title, same first row.
        canvas.Rectangle(new SKRect(0, 24, 180, 396), new SKColor(242, 244, 247));
        canvas.Line(180, 24, 180, 396, new SKColor(210, 210, 210));
        canvas.Text("Projects", 14, 50, TestFonts.DejaVuSansBold, 11, ink);
        canvas.Text("Account preferences", 200, 52, sans, 13, ink);
        string[] sidebar = ["Dashboard", "Recent files", "Shared with me", "Starred", "Trash"];
        string[] fields = ["Display name", "Email address", "Time zone", "Language"];
        string[] values = ["Ada Lovelace", "ada@example.org", "Europe/London", "English (UK)"];
        for (var i = 0; i < sidebar.Length; i++)
        {
            var baseline = 78 + (i * 26);
            canvas.Text(sidebar[i], 24, baseline, sans, 11, ink);
            if (i < fields.Length)
            {
                canvas.Text(fields[i], 200, baseline + 10, sans, 11, new SKColor(100, 100, 100));
                canvas.Rectangle(new SKRect(330, baseline - 4, 600, baseline + 16), SKColors.White);
                canvas.Line(330, baseline + 16, 600, baseline + 16, new SKColor(200, 200, 200));
                canvas.Text(values[i], 336, baseline + 10, sans, 11, ink);
            }
        }

        // Buttons: white on blue, dark on grey.
        canvas.Rectangle(new SKRect(330, 220, 430, 246), new SKColor(25, 103, 210));
        canvas.Text("Save changes", 340, 237, sans, 11, SKColors.White);
        canvas.Rectangle(new SKRect(440, 220, 510, 246), new SKColor(224, 224, 224));
        canvas.Text("Cancel", 454, 237, sans, 11, ink);

        // Status bar.
        canvas.Rectangle(new SKRect(0, 396, 720, 420), new SKColor(230, 230, 230));
        canvas.Text("Last saved 2 minutes ago", 10, 412, sans, 10, new SKColor(80, 80, 80));
        canvas.Text("Ln 12, Col 40", 600, 412, sans, 10, new SKColor(80, 80, 80));
        return canvas.Finish("1x screenshot");
    }

    /// <summary>A file list as a desktop shows it at 1x, 560 × 190: 10 px text in four columns,
    /// rows 15 px apart on alternating backgrounds, the header in grey.</summary>
    public static OcrSample FileTable(string font = "DejaVu Sans", float size = 10)
    {
        var typeface = TestFonts.ByName(font);
        using var canvas = new OcrCanvas(560, 190, SKColors.White);
        float[] columns = [12, 250, 330, 450];
        string[][] rows =
        [
            ["Name", "Size", "Modified", "Kind"],
            ["annual-report-2023.pdf", "2.4 MB", "12 Mar 2024", "PDF document"],
            ["budget forecast.xlsx", "318 KB", "9 Feb 2024", "Spreadsheet"],
            ["IMG_4471.jpg", "5.1 MB", "28 Jan 2024", "JPEG image"],
            ["meeting notes (draft).docx", "44 KB", "3 Jan 2024", "Document"],
            ["README.md", "7 KB", "19 Dec 2023", "Markdown"],
            ["archive_2019-2022.zip", "1.2 GB", "30 Nov 2023", "ZIP archive"],
            ["logo@2x.png", "86 KB", "2 Nov 2023", "PNG image"],
            ["Q4 results v3 FINAL.pptx", "12.7 MB", "17 Oct 2023", "Presentation"],
            ["contacts.csv", "3 KB", "5 Oct 2023", "CSV text"],
        ];
        for (var row = 0; row < rows.Length; row++)
        {
            var top = 8 + (row * 17);
            if (row % 2 == 0 && row > 0)
            {
                canvas.Rectangle(new SKRect(0, top, 560, top + 17), new SKColor(244, 246, 250));
            }

            var ink = row == 0 ? new SKColor(110, 110, 110) : new SKColor(30, 30, 30);
            for (var column = 0; column < columns.Length; column++)
            {
                canvas.Text(rows[row][column], columns[column], top + 12, typeface, size, ink);
            }
        }

        return canvas.Finish($"file table {font} {size} px");
    }
}
