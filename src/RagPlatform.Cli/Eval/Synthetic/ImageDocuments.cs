using SkiaSharp;
using static RagPlatform.Cli.Eval.Synthetic.DatasetWriter;

namespace RagPlatform.Cli.Eval.Synthetic;

/// <summary>Standalone images: screenshots at 1x (10-14 px labels), charts exported as PNG, photos,
/// and a poster of text in several typefaces, sizes and colours (for OCR only).
/// An uploaded image has no text layer at all: its words are found through OCR or not at all.</summary>
internal static class ImageDocuments
{
    private static readonly SKColor Ink = new(0x22, 0x22, 0x22);

    public static void Write(DatasetWriter w)
    {
        Screenshots(w);
        Charts(w);
        Photos(w);
        w.Document("lighthouse-almanac.png", SpecimenPainter.Poster(), "poster", "image-file");
    }

    private static void Screenshots(DatasetWriter w)
    {
        var settings = Raster.Draw(480, 260, canvas =>
        {
            UiPainter.Window(canvas, 480, 260, "Sync Settings");
            UiPainter.Field(canvas, "Bandwidth limit", "2 MB/s", 20, 50, 140, 120);
            UiPainter.Checkbox(canvas, "Pause on metered network", true, 20, 88);
            UiPainter.Dropdown(canvas, "Conflict resolution", "Keep both copies", 20, 120, 140, 180);
            UiPainter.Checkbox(canvas, "Sync hidden files", false, 20, 158);
            UiPainter.Button(canvas, "Cancel", 290, 216, 80);
            UiPainter.Button(canvas, "Apply", 380, 216, 80, primary: true);
        });
        var login = Raster.Draw(400, 290, canvas =>
        {
            UiPainter.Window(canvas, 400, 290, "Fernhill");
            UiPainter.Label(canvas, "Sign in to Fernhill Portal", 30, 66, 14, bold: true);
            UiPainter.Field(canvas, "Username", "j.moreau", 30, 88, 90, 240);
            UiPainter.Field(canvas, "Password", "********", 30, 124, 90, 240);
            UiPainter.Checkbox(canvas, "Remember this device", true, 30, 162);
            UiPainter.Button(canvas, "Sign in", 270, 200, 90, primary: true);
            Raster.Text(canvas, "Forgot password?", 30, 218, 11, new SKColor(0x1A, 0x73, 0xE8));
        });
        var error = Raster.Draw(440, 170, canvas =>
        {
            UiPainter.Window(canvas, 440, 170, "Backup");
            using var icon = new SKPaint { Color = new SKColor(0xD9, 0x30, 0x25), IsAntialias = true };
            canvas.DrawCircle(40, 72, 16, icon);
            Raster.Text(canvas, "!", 40, 79, 20, SKColors.White, Typefaces.Bold, SKTextAlign.Center);
            UiPainter.Label(canvas, "Disk quota exceeded", 70, 68, 14, bold: true);
            UiPainter.Label(canvas, "The archive could not be written to volume Tamarind.", 70, 90, 12);
            UiPainter.Button(canvas, "Details", 250, 126, 80);
            UiPainter.Button(canvas, "Retry", 340, 126, 80, primary: true);
        });
        w.Document("settings-dialog.png", settings, "screenshot", "image-file");
        w.Document("login-form.png", login, "screenshot", "image-file");
        w.Document("error-dialog.png", error, "screenshot", "image-file");
        w.Document("dashboard.png", Dashboard(), "screenshot", "image-file");
        w.Document("terminal.png", Terminal(), "screenshot", "image-file");

        w.TextQuery("settings-screenshot", QueryKinds.TextToImage, "bandwidth limit metered network", In("settings-dialog.png"), "screenshot", "ocr");
        w.TextQuery("login-screenshot", QueryKinds.TextToImage, "Fernhill portal remember device", In("login-form.png"), "screenshot", "ocr");
        w.TextQuery("error-screenshot", QueryKinds.TextToImage, "disk quota exceeded Tamarind", In("error-dialog.png"), "screenshot", "ocr");
        w.TextQuery("dashboard-screenshot", QueryKinds.TextToImage, "churn rate subscribers invoices", In("dashboard.png"), "screenshot", "ocr");
        w.TextQuery("terminal-screenshot", QueryKinds.TextToImage, "deploy staging migrations healthcheck", In("terminal.png"), "screenshot", "ocr");
        w.ImageQuery("settings-jpeg", QueryKinds.ImageToImage, w.QueryImage("settings-dialog.jpg", Raster.Reencode(settings.Bytes, SKEncodedImageFormat.Jpeg, 85)), In("settings-dialog.png"), "screenshot", "reencoded");
        w.ImageQuery("login-scaled", QueryKinds.ImageToImage, w.QueryImage("login-form-85.png", Raster.Scale(login.Bytes, 0.85)), In("login-form.png"), "screenshot", "scaled");
    }

    private static Drawing Dashboard() => Raster.Draw(720, 400, canvas =>
    {
        UiPainter.Window(canvas, 720, 400, "Acme Analytics");
        Raster.Fill(canvas, new SKRect(1, UiPainter.TitleBarHeight + 1, 160, 399), new SKColor(0x2B, 0x2F, 0x3A));
        string[] menu = ["Overview", "Invoices", "Subscribers", "Settings"];
        for (var i = 0; i < menu.Length; i++)
        {
            Raster.Text(canvas, menu[i], 20, 66 + (i * 30), 13, i == 0 ? SKColors.White : new SKColor(0xB8, 0xBE, 0xCC));
        }

        (string Label, string Value)[] cards = [("Churn rate", "2.4%"), ("Active seats", "1,208"), ("Refunds", "37")];
        for (var i = 0; i < cards.Length; i++)
        {
            var card = new SKRect(180 + (i * 176), 50, 340 + (i * 176), 130);
            Raster.Fill(canvas, card, SKColors.White, 6);
            Raster.Stroke(canvas, card, new SKColor(0xDD, 0xDD, 0xDD), 1, 6);
            Raster.Text(canvas, cards[i].Label, card.Left + 12, card.Top + 22, 11, new SKColor(0x66, 0x66, 0x66));
            Raster.Text(canvas, cards[i].Value, card.Left + 12, card.Top + 58, 24, Ink, Typefaces.Bold);
        }

        var chart = new SKRect(180, 150, 692, 380);
        Raster.Fill(canvas, chart, SKColors.White, 6);
        Raster.Text(canvas, "Weekly signups", chart.Left + 12, chart.Top + 22, 12, Ink, Typefaces.Bold);
        float[] values = [40, 52, 47, 61, 66, 58, 72, 80, 77, 91];
        var points = values.Select((v, i) => new SKPoint(chart.Left + 30 + (i * 50), chart.Bottom - 20 - (v * 1.8f))).ToArray();
        using var line = new SKPaint { Color = new SKColor(0x1A, 0x73, 0xE8), StrokeWidth = 2.5f, IsAntialias = true, Style = SKPaintStyle.Stroke };
        canvas.DrawPoints(SKPointMode.Polygon, points, line);
    });

    private static Drawing Terminal() => Raster.Draw(640, 250, canvas =>
    {
        Raster.Fill(canvas, new SKRect(0, 0, 640, 250), new SKColor(0x1E, 0x1E, 0x1E));
        string[] lines =
        [
            "$ ./deploy --target staging",
            "Uploading artefacts (12 files, 48.2 MB)",
            "Migrations applied: 14",
            "Restarting workers on 3 nodes",
            "Healthcheck passed in 2.8 s",
            "$ _",
        ];
        for (var i = 0; i < lines.Length; i++)
        {
            var colour = lines[i].StartsWith('$') ? new SKColor(0x8A, 0xE2, 0x34) : new SKColor(0xE0, 0xE0, 0xE0);
            Raster.Text(canvas, lines[i], 16, 32 + (i * 22), 13, colour, Typefaces.Mono);
        }
    });

    private static void Charts(DatasetWriter w)
    {
        var rainfall = ChartPainter.Bars(new ChartSpec(
            "Monthly Rainfall at Glenmoor", "Month", "Millimetres", ["Mar", "Apr", "May", "Jun", "Jul", "Aug"],
            [new ChartSeries("Upland gauge", [96, 81, 64, 58, 71, 88], new SKColor(0x17, 0xBE, 0xCF)), new ChartSeries("Valley gauge", [70, 59, 41, 37, 49, 62], new SKColor(0x7F, 0x7F, 0x7F))]));
        var shipments = ChartPainter.HorizontalBars(new ChartSpec(
            "Smartphone Shipments", "Million units", string.Empty, ["Avalon", "Brightwave", "Corvid", "Dunmore", "Elbrook"],
            [new ChartSeries("Units", [48, 41, 27, 19, 8], new SKColor(0xD6, 0x27, 0x28))]));
        w.Document("rainfall-chart.png", rainfall, "chart", "image-file");
        w.Document("shipments-chart.png", shipments, "chart", "image-file");

        w.TextQuery("rainfall-chart", QueryKinds.TextToImage, "monthly rainfall Glenmoor millimetres", In("rainfall-chart.png"), "chart", "ocr");
        w.TextQuery("shipments-chart", QueryKinds.TextToImage, "smartphone shipments Brightwave Corvid", In("shipments-chart.png"), "chart", "ocr");
        w.ImageQuery("rainfall-scaled", QueryKinds.ImageToImage, w.QueryImage("rainfall-chart-110.png", Raster.Scale(rainfall.Bytes, 1.1)), In("rainfall-chart.png"), "chart", "scaled");
    }

    private static void Photos(DatasetWriter w)
    {
        var coastline = ScenePainter.Coastline();
        var city = ScenePainter.CityAtNight();
        w.Document("coastline.jpg", coastline);
        w.Document("city-at-night.jpg", city);

        w.ImageQuery("coastline-scaled", QueryKinds.ImageToImage, w.QueryImage("coastline-90.jpg", Raster.Scale(coastline, 0.9, SKEncodedImageFormat.Jpeg)), In("coastline.jpg"), "photo", "scaled");
        w.ImageQuery("city-png", QueryKinds.ImageToImage, w.QueryImage("city-at-night.png", Raster.Reencode(city, SKEncodedImageFormat.Png, 100)), In("city-at-night.jpg"), "photo", "reencoded");
    }
}
