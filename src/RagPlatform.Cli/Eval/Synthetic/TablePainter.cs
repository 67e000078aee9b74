using SkiaSharp;

namespace RagPlatform.Cli.Eval.Synthetic;

/// <summary>Draws a table as an image (a table pasted into a report as a picture): its title, header
/// and cells exist only as pixels.</summary>
internal static class TablePainter
{
    private const float RowHeight = 30;
    private const float Margin = 20;
    private static readonly SKColor Ink = new(0x22, 0x22, 0x22);

    public static Drawing Draw(string title, string[] header, string[][] rows, float[] columnWidths)
    {
        var width = (int)(columnWidths.Sum() + (2 * Margin));
        var height = (int)(60 + ((rows.Length + 1) * RowHeight) + Margin);
        return Raster.Draw(width, height, canvas =>
        {
            Raster.Text(canvas, title, Margin, 34, 17, Ink, Typefaces.Bold);
            var top = 50f;
            Raster.Fill(canvas, new SKRect(Margin, top, width - Margin, top + RowHeight), new SKColor(0xE8, 0xEE, 0xF4));
            for (var r = 0; r <= rows.Length; r++)
            {
                var cells = r == 0 ? header : rows[r - 1];
                var x = Margin;
                for (var c = 0; c < cells.Length; c++)
                {
                    Raster.Text(canvas, cells[c], x + 8, top + (r * RowHeight) + 20, 14, Ink, r == 0 ? Typefaces.Bold : null);
                    x += columnWidths[c];
                }

                Raster.Line(canvas, Margin, top + ((r + 1) * RowHeight), width - Margin, top + ((r + 1) * RowHeight), new SKColor(0xBB, 0xBB, 0xBB));
            }

            Raster.Stroke(canvas, new SKRect(Margin, top, width - Margin, top + ((rows.Length + 1) * RowHeight)), new SKColor(0x88, 0x88, 0x88));
        });
    }
}
