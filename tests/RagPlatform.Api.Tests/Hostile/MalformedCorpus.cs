using System.Security.Cryptography;
using RagPlatform.Api.Tests.Support;

namespace RagPlatform.Api.Tests.Hostile;

/// <summary>The malformed-file corpus of the hostile-input suite (see README.md beside this file):
/// made at test time from the real PDFs of tests/fixtures/pdf and from images and Office files the
/// tests encode, damaged by a seeded random generator, so every run gets the same files; plus the
/// hand-made hostile corpus of tests/fixtures/hostile.</summary>
internal static class MalformedCorpus
{
    public const int Seed = 20_111;

    /// <summary>The hostile corpus files that belong here. The form-XObject bomb is left to the
    /// time-limit test: here it would hold a worker until the page time limit.</summary>
    public static readonly string[] HostileFixtures =
    [
        "xref-stream-absurd-w.pdf", "xref-stream-prev-self.pdf", "xref-stream-prev-past-eof.pdf", "xref-table-prev-self.pdf",
        "deep-arrays.pdf", "deep-dictionaries.pdf", "deep-content-arrays.pdf", "deep-page-tree.pdf", "cyclic-page-tree.pdf",
        "deep-outlines.pdf", "inflation-bomb.pdf",
    ];

    /// <summary>Every file, distinct in content (an edit that changed nothing is dropped), in a
    /// fixed order.</summary>
    /// <param name="bombMegabytes">What the DOCX ZIP bomb unpacks to.</param>
    public static IReadOnlyList<MalformedFile> Make(int bombMegabytes)
    {
        var random = new Random(Seed);
        var testPage = File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "pdf", "default-testpage.pdf"));
        var specification = File.ReadAllBytes(Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "pdf", "shared-mime-info-spec.pdf"));
        // Two pages of the 17-page pdfTeX file (object and cross-reference streams): its structure
        // at a tenth of the reading time (without qpdf: the whole file, fewer variants).
        var excerpt = QpdfVariants.Excerpt(specification, "1-2");
        var generated = SamplePdfs.WithText("Malformed corpus: a PdfPig-written page.");

        IEnumerable<MalformedFile> files =
        [
            .. DamagedPdfs.Make(random, "testpage", testPage),
            .. excerpt is null ? DamagedPdfs.Make(random, "spec", specification, cuts: 4, flips: 2) : DamagedPdfs.Make(random, "spec", excerpt),
            .. DamagedPdfs.Make(random, "pdfpig", generated, cuts: 6, flips: 4),
            .. QpdfVariants.Make(random, "testpage", testPage),
            .. DamagedPngs.Make(random),
            .. DamagedImages.Make(random),
            .. DamagedOfficeFiles.Make(random, bombMegabytes),
            .. Polyglots.Make(random, testPage),
            .. HostileFixtures.Select(name => new MalformedFile("hostile-corpus", name, File.ReadAllBytes(RepositoryPaths.Hostile(name)))),
        ];

        var seen = new HashSet<string>(StringComparer.Ordinal);
        return [.. files.Where(file => seen.Add(Convert.ToHexString(SHA256.HashData(file.Bytes))))];
    }

    /// <summary>About <paramref name="count"/> files, every family in its share (at least one file
    /// each) and the hostile corpus whole, chosen by the same seeded generator every run.</summary>
    public static IReadOnlyList<MalformedFile> Sample(IReadOnlyList<MalformedFile> files, int count)
    {
        if (count >= files.Count)
        {
            return files;
        }

        var random = new Random(Seed);
        return [.. files.GroupBy(f => f.Family).SelectMany(family => family.Key == "hostile-corpus"
            ? family
            : family.OrderBy(_ => random.Next()).Take(Math.Max(1, (int)Math.Ceiling((double)family.Count() * count / files.Count))))];
    }
}
