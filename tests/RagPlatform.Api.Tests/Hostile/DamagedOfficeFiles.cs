using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using RagPlatform.Infrastructure.Tests.Extraction;

namespace RagPlatform.Api.Tests.Hostile;

/// <summary>DOCX and PPTX packages written with OpenXml, then: ZIP bombs (real, and declared by a
/// lying size in the ZIP directory), parts missing or cut, XML entity bombs and external entities,
/// deep nesting, thousands of entries, the package cut and bit-flipped.</summary>
internal static class DamagedOfficeFiles
{
    private const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    /// <param name="bombMegabytes">What the real ZIP bomb unpacks to: above Extraction:MaxUnpackedMegabytes.</param>
    public static IEnumerable<MalformedFile> Make(Random random, int bombMegabytes)
    {
        var docx = OfficeSamples.Docx("The harbour log of the first week.", "The tide tables of the second week.");
        var pptx = OfficeSamples.Pptx(("Harbour", "Tides and cargo", "Speaker notes"), ("Second", "More slides", ""));
        MalformedFile Docx(string name, byte[] bytes) => new("docx/damaged", $"docx-{name}.docx", bytes);
        MalformedFile Pptx(string name, byte[] bytes) => new("pptx/damaged", $"pptx-{name}.pptx", bytes);

        var bomb = OfficeSamples.WithZipBomb(docx, bombMegabytes);
        yield return Docx($"zip-bomb-{bombMegabytes}-mib", bomb);
        yield return Docx("zip-bomb-declared-100-bytes", DeclareSize(bomb, "word/media/bomb.bin", 100));
        yield return Docx("document-declared-4-gib", DeclareSize(docx, "word/document.xml", uint.MaxValue));
        var slide = Entries(pptx).First(e => e.StartsWith("ppt/slides/", StringComparison.Ordinal) && e.EndsWith(".xml", StringComparison.Ordinal));
        yield return Pptx("slide-declared-4-gib", DeclareSize(pptx, slide, uint.MaxValue));
        foreach (var part in new[] { "[Content_Types].xml", "word/document.xml", "_rels/.rels", "word/_rels/document.xml.rels" })
        {
            yield return Docx($"without-{Slug(part)}", Edit(docx, zip => zip.GetEntry(part)?.Delete()));
        }

        foreach (var part in new[] { "[Content_Types].xml", "ppt/presentation.xml", slide, "ppt/_rels/presentation.xml.rels" })
        {
            yield return Pptx($"without-{Slug(part)}", Edit(pptx, zip => zip.GetEntry(part)?.Delete()));
        }

        yield return Docx("document-cut-mid-element", OfficeSamples.WithBrokenPart(docx, "word/document.xml"));
        yield return Pptx("slide-cut-mid-element", Replace(pptx, slide, "<p:sld xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\"><p:cSld"));
        yield return Docx("entity-bomb", Replace(docx, "word/document.xml", EntityBomb()));
        yield return Docx("external-entity", Replace(docx, "word/document.xml",
            $"<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><w:document xmlns:w=\"{WordNamespace}\"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>"));
        yield return Docx("nested-100000-deep", Replace(docx, "word/document.xml",
            $"<w:document xmlns:w=\"{WordNamespace}\"><w:body>{string.Concat(Enumerable.Repeat("<w:sdt><w:sdtContent>", 50_000))}{string.Concat(Enumerable.Repeat("</w:sdtContent></w:sdt>", 50_000))}</w:body></w:document>"));
        yield return Docx("not-xml", Replace(docx, "word/document.xml", Encoding.Latin1.GetString(PngWriter.RandomBytes(random, 3000))));
        yield return Docx("10000-entries", Edit(docx, zip =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                zip.CreateEntry($"customXml/item{i}.xml", CompressionLevel.NoCompression);
            }
        }));
        yield return Docx("entry-names-escape", Edit(docx, zip =>
        {
            using var writer = new StreamWriter(zip.CreateEntry("../../../../tmp/escaped.xml").Open());
            writer.Write("<x/>");
        }));

        foreach (var (kind, package) in new[] { ("docx", docx), ("pptx", pptx) })
        {
            foreach (var cut in Damage.CutOffsets(random, package.Length, 5).Where(c => c > 4))
            {
                yield return new($"{kind}/truncated", $"{kind}-cut-at-{cut}.{kind}", Damage.Truncate(package, cut));
            }

            for (var i = 0; i < 3; i++)
            {
                yield return new($"{kind}/flipped", $"{kind}-flipped-{i}.{kind}", Damage.Flip(random, package, 3 + (i * 20)));
            }
        }
    }

    /// <summary>The package with <paramref name="entry"/>'s uncompressed size set to
    /// <paramref name="size"/> in its local header and in the central directory.</summary>
    private static byte[] DeclareSize(byte[] package, string entry, uint size)
    {
        var copy = (byte[])package.Clone();
        var name = Encoding.UTF8.GetBytes(entry);
        for (var i = 0; i + 46 < copy.Length; i++)
        {
            if (copy.AsSpan(i, 4).SequenceEqual("PK\u0003\u0004"u8) && copy.AsSpan(i + 30).StartsWith(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(i + 22), size);
            }
            else if (copy.AsSpan(i, 4).SequenceEqual("PK\u0001\u0002"u8) && copy.AsSpan(i + 46).StartsWith(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(copy.AsSpan(i + 24), size);
            }
        }

        return copy;
    }

    private static List<string> Entries(byte[] package)
    {
        using var zip = new ZipArchive(new MemoryStream(package), ZipArchiveMode.Read);
        return [.. zip.Entries.Select(e => e.FullName)];
    }

    private static byte[] Replace(byte[] package, string entry, string content) => Edit(package, zip =>
    {
        zip.GetEntry(entry)?.Delete();
        using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
        writer.Write(content);
    });

    private static byte[] Edit(byte[] package, Action<ZipArchive> edit)
    {
        using var buffer = new MemoryStream();
        buffer.Write(package);
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Update, leaveOpen: true))
        {
            edit(zip);
        }

        return buffer.ToArray();
    }

    /// <summary>"Billion laughs": ten levels of ten references, 10¹⁰ copies of "lol" if expanded.</summary>
    private static string EntityBomb()
    {
        var entities = new StringBuilder("<!ENTITY l0 \"lol\">");
        for (var level = 1; level <= 10; level++)
        {
            entities.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!ENTITY l{level} \"{string.Concat(Enumerable.Repeat($"&l{level - 1};", 10))}\">");
        }

        return $"<?xml version=\"1.0\"?><!DOCTYPE d [{entities}]><w:document xmlns:w=\"{WordNamespace}\"><w:body><w:p><w:r><w:t>&l10;</w:t></w:r></w:p></w:body></w:document>";
    }

    private static string Slug(string part) => part.Replace("/", "-", StringComparison.Ordinal).Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
}
