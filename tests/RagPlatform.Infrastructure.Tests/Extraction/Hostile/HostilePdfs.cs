using System.IO.Compression;
using System.Text;

namespace RagPlatform.Infrastructure.Tests.Extraction.Hostile;

/// <summary>Makes the files of the hostile corpus (tests/fixtures/hostile, see its README): PDFs
/// built to break parsers, each small. Every generator is deterministic, so the corpus can be
/// written again from here (set RAG_WRITE_HOSTILE_CORPUS=1 and run the corpus test).</summary>
internal static class HostilePdfs
{
    /// <summary>File name → what makes it, in the order of the README.</summary>
    public static IReadOnlyDictionary<string, Func<byte[]>> All { get; } = new Dictionary<string, Func<byte[]>>
    {
        ["xref-stream-absurd-w.pdf"] = XrefStreamWithAbsurdWidth,
        ["xref-stream-prev-self.pdf"] = () => XrefStream("1 2 1", self => self),
        ["xref-stream-prev-past-eof.pdf"] = () => XrefStream("1 2 1", _ => 999_999_999),
        ["xref-table-prev-self.pdf"] = XrefTableWithSelfPrevious,
        ["deep-arrays.pdf"] = () => PageWith(extraPageEntry: "/Deep " + Repeat("[", 20_000) + Repeat("]", 20_000)),
        ["deep-dictionaries.pdf"] = () => PageWith(extraPageEntry: "/Deep " + Repeat("<</A ", 10_000) + "0" + Repeat(">>", 10_000)),
        ["deep-content-arrays.pdf"] = () => PageWith(content: Deflate(Encoding.Latin1.GetBytes("BT /F1 24 Tf 72 720 Td (deep) Tj ET " + Repeat("[", 1_000_000) + Repeat("]", 1_000_000)))),
        ["deep-page-tree.pdf"] = () => DeepPageTree(2_000),
        ["cyclic-page-tree.pdf"] = CyclicPageTree,
        ["deep-outlines.pdf"] = () => DeepOutlines(2_000),
        ["inflation-bomb.pdf"] = InflationBomb,
        ["form-xobject-bomb.pdf"] = () => FormXObjectBomb(depth: 8, fan: 10),
    };

    /// <summary>The fuzzed-file pattern of issue 11: an xref stream whose /W widths add up past
    /// int.MaxValue, and a /Prev past the end of the file. PdfPig 0.1.16 sizes a stackalloc from the
    /// sum and overflows its stack ("Stack overflow.", uncatchable) while opening the file.</summary>
    public static byte[] XrefStreamWithAbsurdWidth() => XrefStream("1 2147483647 1", _ => 999_999_999);

    /// <summary>Text "hostile but harmless" on one page, for checking a host still indexes after.</summary>
    public static byte[] PageWith(string extraPageEntry = "", byte[]? content = null)
    {
        var pdf = new PdfObjects();
        pdf.Add(1, "<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add(3, $"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> {extraPageEntry} >>");
        pdf.AddStream(4, content is null ? "" : "/Filter /FlateDecode", content ?? Encoding.Latin1.GetBytes("BT /F1 24 Tf 72 720 Td (hostile but harmless) Tj ET"));
        pdf.Add(5, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        return pdf.WithXrefTable();
    }

    private static byte[] XrefStream(string widths, Func<int, long> previous)
    {
        var pdf = new PdfObjects("%PDF-1.5");
        pdf.Add(1, "<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>");
        var xref = pdf.Length;

        // Entries as /W [1 2 1] would read them: type 1, a two-byte offset, generation 0.
        var entries = new MemoryStream();
        for (var number = 0; number < 4; number++)
        {
            var offset = pdf.OffsetOf(number);
            entries.Write([number == 0 ? (byte)0 : (byte)1, (byte)(offset >> 8), (byte)offset, 0]);
        }

        pdf.AddStream(4, $"/Type /XRef /Size 5 /W [{widths}] /Root 1 0 R /Prev {previous(xref)}", entries.ToArray());
        return pdf.WithStartXref(xref);
    }

    private static byte[] XrefTableWithSelfPrevious()
    {
        var pdf = new PdfObjects();
        pdf.Add(1, "<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>");
        return pdf.WithXrefTable(previousIsSelf: true);
    }

    /// <summary>Pages nodes nested <paramref name="depth"/> deep above one page.</summary>
    private static byte[] DeepPageTree(int depth)
    {
        var pdf = new PdfObjects();
        pdf.Add(1, "<< /Type /Catalog /Pages 2 0 R >>");
        for (var level = 0; level < depth; level++)
        {
            var number = 2 + level;
            var parent = level == 0 ? "" : $"/Parent {number - 1} 0 R";
            pdf.Add(number, $"<< /Type /Pages /Kids [{number + 1} 0 R] /Count 1 {parent} >>");
        }

        var page = 2 + depth;
        pdf.Add(page, $"<< /Type /Page /Parent {page - 1} 0 R /MediaBox [0 0 612 792] /Contents {page + 1} 0 R /Resources << /Font << /F1 {page + 2} 0 R >> >> >>");
        pdf.AddStream(page + 1, "", Encoding.Latin1.GetBytes("BT /F1 24 Tf 72 720 Td (deep page tree) Tj ET"));
        pdf.Add(page + 2, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        return pdf.WithXrefTable();
    }

    private static byte[] CyclicPageTree()
    {
        var pdf = new PdfObjects();
        pdf.Add(1, "<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add(2, "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>");
        pdf.Add(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>");
        return pdf.WithXrefTable();
    }

    /// <summary>An outline item chain where each item is the only child of the one before.</summary>
    private static byte[] DeepOutlines(int depth)
    {
        var pdf = new PdfObjects();
        pdf.Add(1, "<< /Type /Catalog /Pages 2 0 R /Outlines 4 0 R >>");
        pdf.Add(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>");
        pdf.Add(4, $"<< /Type /Outlines /First 5 0 R /Last 5 0 R /Count {depth} >>");
        for (var level = 0; level < depth; level++)
        {
            var number = 5 + level;
            var child = level == depth - 1 ? "" : $"/First {number + 1} 0 R /Last {number + 1} 0 R /Count 1";
            pdf.Add(number, $"<< /Title (o{level}) /Parent {number - 1} 0 R {child} /Dest [3 0 R /Fit] >>");
        }

        return pdf.WithXrefTable();
    }

    /// <summary>A page whose 2 KB content stream inflates to 1 GiB of spaces (deflated twice).</summary>
    private static byte[] InflationBomb()
    {
        var once = new MemoryStream();
        using (var deflate = new ZLibStream(once, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var spaces = new byte[1 << 20];
            Array.Fill(spaces, (byte)' ');
            for (var mebibyte = 0; mebibyte < 1024; mebibyte++)
            {
                deflate.Write(spaces);
            }
        }

        var pdf = new PdfObjects();
        pdf.Add(1, "<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>");
        pdf.AddStream(4, "/Filter [/FlateDecode /FlateDecode]", Deflate(once.ToArray()));
        return pdf.WithXrefTable();
    }

    /// <summary>Form XObjects <paramref name="depth"/> deep, each drawing the next <paramref name="fan"/>
    /// times: fan^depth filled squares on one page of a 3 KB file, which any renderer or parser that
    /// follows forms spends minutes on.</summary>
    private static byte[] FormXObjectBomb(int depth, int fan)
    {
        var pdf = new PdfObjects();
        pdf.Add(1, "<< /Type /Catalog /Pages 2 0 R >>");
        pdf.Add(2, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        pdf.Add(3, "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /XObject << /X 6 0 R >> /Font << /F1 5 0 R >> >> >>");
        pdf.AddStream(4, "", Encoding.Latin1.GetBytes("BT /F1 24 Tf 72 720 Td (time bomb) Tj ET q /X Do Q"));
        pdf.Add(5, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>");
        for (var level = 0; level < depth; level++)
        {
            var number = 6 + level;
            var last = level == depth - 1;
            var body = last ? "0 0 2 2 re f" : string.Concat(Enumerable.Range(0, fan).Select(i => $"q 1 0 0 1 {i % 3} {i / 3} cm /X Do Q\n"));
            var resources = last ? "" : $"/Resources << /XObject << /X {number + 1} 0 R >> >>";
            pdf.AddStream(number, $"/Type /XObject /Subtype /Form /BBox [0 0 612 792] {resources}", Encoding.Latin1.GetBytes(body));
        }

        return pdf.WithXrefTable();
    }

    private static byte[] Deflate(byte[] data)
    {
        var output = new MemoryStream();
        using (var deflate = new ZLibStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            deflate.Write(data);
        }

        return output.ToArray();
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();
}
