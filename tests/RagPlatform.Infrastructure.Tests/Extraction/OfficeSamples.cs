using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using SkiaSharp;
using A = DocumentFormat.OpenXml.Drawing;
using P = DocumentFormat.OpenXml.Presentation;
using W = DocumentFormat.OpenXml.Wordprocessing;

namespace RagPlatform.Infrastructure.Tests.Extraction;

/// <summary>DOCX and PPTX files written with DocumentFormat.OpenXml, the way Word and PowerPoint
/// structure them (heading styles, page breaks, tables, pictures; slides with titles and notes).</summary>
public static class OfficeSamples
{
    /// <summary>A DOCX: "Harbour rules" (Heading1), a paragraph, a table, a picture, a page break,
    /// then "Winter berths" (Heading2) and <paramref name="secondPageText"/>.</summary>
    public static byte[] Docx(string firstPageText, string secondPageText)
    {
        using var buffer = new MemoryStream();
        using (var document = WordprocessingDocument.Create(buffer, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var image = main.AddImagePart(ImagePartType.Png);
            using (var png = new MemoryStream(Png()))
            {
                image.FeedData(png);
            }

            main.Document = new W.Document(new W.Body(
                Paragraph("Harbour rules", "Heading1"),
                Paragraph(firstPageText),
                new W.Table(
                    new W.TableRow(Cell("Berth"), Cell("Fee")),
                    new W.TableRow(Cell("Pontoon A"), Cell("42 crowns"))),
                new W.Paragraph(new W.Run(Picture(main.GetIdOfPart(image)))),
                new W.Paragraph(new W.Run(new W.Break { Type = W.BreakValues.Page })),
                Paragraph("Winter berths", "Heading2"),
                Paragraph(secondPageText)));
        }

        return buffer.ToArray();
    }

    /// <summary>A PPTX with one slide per entry: its title, body text and speaker notes; the second
    /// slide has a picture.</summary>
    public static byte[] Pptx(params (string Title, string Body, string Notes)[] slides)
    {
        using var buffer = new MemoryStream();
        using (var document = PresentationDocument.Create(buffer, PresentationDocumentType.Presentation))
        {
            var presentation = document.AddPresentationPart();
            var ids = new P.SlideIdList();
            for (var i = 0; i < slides.Length; i++)
            {
                var slide = presentation.AddNewPart<SlidePart>();
                var (title, body, notes) = slides[i];
                var tree = Tree(Shape(2, "Body", body, P.PlaceholderValues.Body, 2_000_000), Shape(1, "Title", title, P.PlaceholderValues.Title, 500_000));
                if (i == 1)
                {
                    var image = slide.AddImagePart(ImagePartType.Png);
                    using var png = new MemoryStream(Png());
                    image.FeedData(png);
                    tree.Append(new P.Picture(
                        new P.NonVisualPictureProperties(new P.NonVisualDrawingProperties { Id = 3, Name = "Chart" }, new P.NonVisualPictureDrawingProperties(), new P.ApplicationNonVisualDrawingProperties()),
                        new P.BlipFill(new A.Blip { Embed = slide.GetIdOfPart(image) }, new A.Stretch(new A.FillRectangle())),
                        new P.ShapeProperties(new A.Transform2D(new A.Offset { X = 0, Y = 4_000_000 }, new A.Extents { Cx = 1_000_000, Cy = 1_000_000 }))));
                }

                slide.Slide = new P.Slide(new P.CommonSlideData(tree));
                var notesPart = slide.AddNewPart<NotesSlidePart>();
                notesPart.NotesSlide = new P.NotesSlide(new P.CommonSlideData(Tree(Shape(2, "Notes", notes, P.PlaceholderValues.Body, 0))));
                ids.Append(new P.SlideId { Id = (uint)(256 + i), RelationshipId = presentation.GetIdOfPart(slide) });
            }

            presentation.Presentation = new P.Presentation(ids);
        }

        return buffer.ToArray();
    }

    /// <summary>The DOCX with a further part of <paramref name="megabytes"/> MiB of zeros, which
    /// deflate to about a thousandth of that: a ZIP bomb.</summary>
    public static byte[] WithZipBomb(byte[] docx, int megabytes)
    {
        using var buffer = new MemoryStream();
        buffer.Write(docx);
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            using var part = zip.CreateEntry("word/media/bomb.bin", System.IO.Compression.CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < megabytes; i++)
            {
                part.Write(zeros);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>The package with one part's XML cut off in the middle of an element.</summary>
    public static byte[] WithBrokenPart(byte[] package, string partName)
    {
        using var buffer = new MemoryStream();
        buffer.Write(package);
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry(partName)!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(partName).Open());
            writer.Write("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p");
        }

        return buffer.ToArray();
    }

    /// <summary>A 200 × 120 PNG: a blue bar on white.</summary>
    public static byte[] Png()
    {
        using var bitmap = new SKBitmap(200, 120);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            using var paint = new SKPaint { Color = SKColors.SteelBlue };
            canvas.DrawRect(20, 20, 160, 80, paint);
        }

        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    private static W.Paragraph Paragraph(string text, string? style = null) => style is null
        ? new W.Paragraph(new W.Run(new W.Text(text)))
        : new W.Paragraph(new W.ParagraphProperties(new W.ParagraphStyleId { Val = style }), new W.Run(new W.Text(text)));

    private static W.TableCell Cell(string text) => new(new W.Paragraph(new W.Run(new W.Text(text))));

    private static W.Drawing Picture(string relationshipId) => new(
        new DocumentFormat.OpenXml.Drawing.Wordprocessing.Inline(
            new DocumentFormat.OpenXml.Drawing.Wordprocessing.Extent { Cx = 1_905_000, Cy = 1_143_000 },
            new DocumentFormat.OpenXml.Drawing.Wordprocessing.DocProperties { Id = 1, Name = "Chart" },
            new A.Graphic(new A.GraphicData(
                new DocumentFormat.OpenXml.Drawing.Pictures.Picture(
                    new DocumentFormat.OpenXml.Drawing.Pictures.NonVisualPictureProperties(
                        new DocumentFormat.OpenXml.Drawing.Pictures.NonVisualDrawingProperties { Id = 0, Name = "chart.png" },
                        new DocumentFormat.OpenXml.Drawing.Pictures.NonVisualPictureDrawingProperties()),
                    new DocumentFormat.OpenXml.Drawing.Pictures.BlipFill(new A.Blip { Embed = relationshipId }, new A.Stretch(new A.FillRectangle())),
                    new DocumentFormat.OpenXml.Drawing.Pictures.ShapeProperties()))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" })));

    private static P.ShapeTree Tree(params OpenXmlElement[] shapes) => new(
        new OpenXmlElement[]
        {
            new P.NonVisualGroupShapeProperties(new P.NonVisualDrawingProperties { Id = 1, Name = "" }, new P.NonVisualGroupShapeDrawingProperties(), new P.ApplicationNonVisualDrawingProperties()),
            new P.GroupShapeProperties(),
        }.Concat(shapes));

    private static P.Shape Shape(uint id, string name, string text, P.PlaceholderValues type, long y) => new(
        new P.NonVisualShapeProperties(
            new P.NonVisualDrawingProperties { Id = id + 1, Name = name },
            new P.NonVisualShapeDrawingProperties(),
            new P.ApplicationNonVisualDrawingProperties(new P.PlaceholderShape { Type = type })),
        new P.ShapeProperties(new A.Transform2D(new A.Offset { X = 0, Y = y }, new A.Extents { Cx = 8_000_000, Cy = 1_000_000 })),
        new P.TextBody(new A.BodyProperties(), new A.Paragraph(new A.Run(new A.Text(text)))));
}
