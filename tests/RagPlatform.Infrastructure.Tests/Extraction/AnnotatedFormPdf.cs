namespace RagPlatform.Infrastructure.Tests.Extraction;

/// <summary>A filled-in A4 form whose words live only in annotations and form fields, never in the
/// page's drawing: a free-text remark, a sticky note with its popup, a text field, a list box with
/// options, a field whose value sits on its parent above two widgets, a note without /Rect and a
/// widget whose /Parent chain loops.</summary>
internal static class AnnotatedFormPdf
{
    /// <summary>Words each found in one annotation or field only.</summary>
    public const string FreeTextWord = "verified";
    public const string NoteWord = "pelican";
    public const string TextFieldWord = "Okonkwo";
    public const string ChosenOptionWord = "Ochre";
    public const string OfferedOptionWord = "Turquoise";
    public const string NestedFieldWord = "Quayside";
    public const string UnplacedNoteWord = "walrus";
    public const string LoopingFieldWord = "Loopfield";

    /// <summary>The text field's /Rect in points: x 150..400, y 500..520 on the 595 × 842 page.</summary>
    public static readonly (double Left, double Bottom, double Right, double Top) TextFieldRect = (150, 500, 400, 520);

    public static byte[] Build()
    {
        var pdf = new RawPdf();
        pdf.Add("<< /Type /Catalog /Pages 2 0 R /AcroForm << /Fields [9 0 R 10 0 R 11 0 R 16 0 R] >> >>");
        pdf.Add("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> " +
            "/Annots [6 0 R 7 0 R 8 0 R 9 0 R 10 0 R 12 0 R 13 0 R 14 0 R 15 0 R] >>");
        pdf.AddStream("BT /F1 14 Tf 72 780 Td (Application form) Tj ET");
        pdf.Add("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        pdf.Add($"<< /Type /Annot /Subtype /FreeText /Rect [300 700 500 740] /DA (/Helv 10 Tf) /Contents (Reviewer remark: quarterly figures {FreeTextWord}) >>");
        pdf.Add($"<< /Type /Annot /Subtype /Text /Rect [50 600 70 620] /Contents (Sticky note mentions a {NoteWord}) /Popup 8 0 R >>");
        pdf.Add($"<< /Type /Annot /Subtype /Popup /Rect [80 560 280 640] /Parent 7 0 R /Contents (Sticky note mentions a {NoteWord}) >>");
        pdf.Add($"<< /Type /Annot /Subtype /Widget /FT /Tx /T (applicant) /V (Marguerite {TextFieldWord}) /Rect [150 500 400 520] /P 3 0 R >>");
        pdf.Add($"<< /Type /Annot /Subtype /Widget /FT /Ch /T (colour) /Opt [(Vermilion) [(tq) ({OfferedOptionWord})] ({ChosenOptionWord})] /V ({ChosenOptionWord}) /Rect [150 400 300 480] >>");
        pdf.Add($"<< /FT /Tx /T (address) /V ({NestedFieldWord} Lane 12) /Kids [12 0 R 13 0 R] >>");
        pdf.Add("<< /Type /Annot /Subtype /Widget /Parent 11 0 R /Rect [150 300 400 320] >>");
        pdf.Add("<< /Type /Annot /Subtype /Widget /Parent 11 0 R /Rect [150 250 400 270] /Kids [11 0 R] >>");
        pdf.Add($"<< /Type /Annot /Subtype /Text /Contents (Unplaced note about a {UnplacedNoteWord}) >>");
        pdf.Add("<< /Type /Annot /Subtype /Widget /Parent 16 0 R /Rect [150 150 400 170] >>");
        pdf.Add($"<< /FT /Tx /T (loop) /V ({LoopingFieldWord}) /Parent 15 0 R /Kids [15 0 R] >>");
        return pdf.ToBytes();
    }
}
