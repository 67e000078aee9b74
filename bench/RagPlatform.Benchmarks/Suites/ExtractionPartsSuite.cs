using System.Globalization;
using NetVips;
using RagPlatform.Benchmarks.Harness;
using RagPlatform.Benchmarks.Ingest;
using RagPlatform.Benchmarks.Server;
using RagPlatform.Infrastructure.Extraction;
using RagPlatform.Infrastructure.Extraction.Poppler;
using UglyToad.PdfPig;

namespace RagPlatform.Benchmarks.Suites;

/// <summary>`ingest-parts`: what the extractor spends on one text page, part by part, in process CPU
/// ms (libvips draws and encodes on threads of its own): poppler's open and draw, the grey check,
/// PNG encoding by libvips' pngsave and by <see cref="RenderPng"/> at several zlib levels and row
/// filters (with the bytes each writes), and PdfPig's page parse and text layer. Every page is
/// measured twice; the table shows the second pass, on warm code.</summary>
internal static class ExtractionPartsSuite
{
    public sealed record PartRow(string Corpus, string Part, int Pages, double Mean, double Median);

    private static readonly (int Level, Enums.ForeignPngFilter Filter)[] VipsEncodings =
        [(1, Enums.ForeignPngFilter.None), (3, Enums.ForeignPngFilter.None), (6, Enums.ForeignPngFilter.None)];

    // Filters 0 none, 1 sub, 2 up.
    private static readonly (int Level, byte Filter)[] RuntimeEncodings = [(1, 0), (2, 0), (2, 1), (2, 2), (3, 0), (6, 0)];

    public static async Task<int> RunAsync(BenchSettings settings, int documents, int pages, CancellationToken cancellationToken)
    {
        var run = new SuiteRun("ingest-parts", settings);
        run.Settings["documents"] = documents.ToString(CultureInfo.InvariantCulture);
        run.Settings["pagesPerDocument"] = pages.ToString(CultureInfo.InvariantCulture);
        BenchConsole.Heading($"ingest-parts: extractor CPU per text page, part by part, load average {MachineSnapshot.ReadLoadAverage()}");
        var folder = Directory.CreateTempSubdirectory("ragplatform-bench-parts-");
        try
        {
            var files = new List<(string Corpus, string Path)>();
            var generated = IngestPdfs.Generate(documents, pages, settings.Seed);
            for (var i = 0; i < generated.Count; i++)
            {
                var path = Path.Combine(folder.FullName, $"generated-{i}.pdf");
                await File.WriteAllBytesAsync(path, generated[i], cancellationToken).ConfigureAwait(false);
                files.Add((IngestSuite.Generated, path));
            }

            files.AddRange(IngestCorpus.RealCandidates.Where(File.Exists).Select(path => (IngestSuite.Real, path)));
            foreach (var corpus in files.Select(f => f.Corpus).Distinct())
            {
                var parts = new Dictionary<string, List<double>>(StringComparer.Ordinal);
                foreach (var pass in new[] { false, true })
                {
                    foreach (var (_, path) in files.Where(f => f.Corpus == corpus))
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        Measure(path, (name, value) =>
                        {
                            if (pass)
                            {
                                (parts.TryGetValue(name, out var list) ? list : parts[name] = []).Add(value);
                            }
                        });
                    }
                }

                var rows = parts.Select(p => new PartRow(corpus, p.Key, p.Value.Count, p.Value.Average(), Median(p.Value))).ToList();
                rows.ForEach(run.Add);
                BenchConsole.Table([$"{corpus}: part (second pass)", "pages", "mean", "median"],
                    rows.Select(r => (IReadOnlyList<string>)[r.Part, Cell.Of(r.Pages), Cell.Of(r.Mean, "F2"), Cell.Of(r.Median, "F2")]));
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }

        run.Note("Process CPU ms on one calling thread at a time; libvips' own threads are counted. 'open' is Image.Pdfload "
            + "(poppler opens the file for every page), 'draw' the pixels written to memory as RGB. 'poppler-glib' rows are "
            + "the direct renderer (Extraction:Renderer=Poppler): the document opened once, its cost shared out over the pages; "
            + "'whole render + PNG' is a page from the renderer's entry point to the PNG, libvips' and the direct one's.");
        await run.SaveAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    private static void Measure(string path, Action<string, double> add)
    {
        var count = PdfPageRenderer.CountPages(path);
        using (var pdf = PdfDocument.Open(path))
        {
            var reader = new PdfTextLayerReader(0.5);
            for (var p = 1; p <= count; p++)
            {
                var t0 = ProcessCpuClock.NowMs();
                var page = pdf.GetPage(p);
                var t1 = ProcessCpuClock.NowMs();
                reader.Read(page, new PageFrame(page.Width, page.Height), new Dictionary<string, int>());
                var t2 = ProcessCpuClock.NowMs();
                add("PdfPig page parse ms", t1 - t0);
                add("PdfPig text layer ms", t2 - t1);
                MeasureTextLayerSteps(page, add);
            }
        }

        MeasurePoppler(path, count, add);
        var options = new ExtractionOptions();
        for (var p = 1; p <= count; p++)
        {
            var r0 = ProcessCpuClock.NowMs();
            new PdfPageRenderer(options).Render(path, p, CancellationToken.None);
            add("libvips whole render + PNG ms", ProcessCpuClock.NowMs() - r0);
        }

        using (var renderer = new PopplerPageRenderer(path, options))
        {
            for (var p = 1; p <= count; p++)
            {
                var r0 = ProcessCpuClock.NowMs();
                renderer.Render(p, CancellationToken.None);
                add("poppler-glib whole render + PNG ms", ProcessCpuClock.NowMs() - r0);
            }
        }

        for (var p = 1; p <= count; p++)
        {
            var t0 = ProcessCpuClock.NowMs();
            using var page = Image.Pdfload(path, page: p - 1, dpi: 150, background: [255, 255, 255, 255], access: Enums.Access.Sequential);
            var t1 = ProcessCpuClock.NowMs();
            using var rgb = page.ExtractBand(0, n: 3);
            var pixels = rgb.WriteToMemory<byte>();
            var t2 = ProcessCpuClock.NowMs();
            var grey = GreyPixels.AreGrey(pixels);
            var t3 = ProcessCpuClock.NowMs();
            add("poppler open ms", t1 - t0);
            add("poppler draw 150 dpi ms", t2 - t1);
            add("grey check ms", t3 - t2);

            using var drawn = Image.NewFromMemory(pixels, rgb.Width, rgb.Height, 3, Enums.BandFormat.Uchar);
            using var oneBand = drawn.ExtractBand(1);
            var encoded = grey ? oneBand : drawn;
            foreach (var (level, filter) in VipsEncodings)
            {
                var e0 = ProcessCpuClock.NowMs();
                var png = encoded.PngsaveBuffer(compression: level, filter: filter);
                var e1 = ProcessCpuClock.NowMs();
                add(Invariant($"libvips pngsave z{level} {filter} ms"), e1 - e0);
                add(Invariant($"libvips pngsave z{level} {filter} KiB"), png.Length / 1024.0);
            }

            foreach (var (level, filter) in RuntimeEncodings)
            {
                var e0 = ProcessCpuClock.NowMs();
                var png = RenderPng.Encode(pixels, rgb.Width, rgb.Height, grey, level, filter);
                var e1 = ProcessCpuClock.NowMs();
                add(Invariant($"RenderPng z{level} filter {filter} ms"), e1 - e0);
                add(Invariant($"RenderPng z{level} filter {filter} KiB"), png.Length / 1024.0);
            }
        }
    }

    /// <summary>The text layer's steps one by one, as <see cref="PdfTextLayerReader"/> runs them
    /// (its letter filtering aside): word grouping, Docstrum blocks, reading order.</summary>
    private static void MeasureTextLayerSteps(UglyToad.PdfPig.Content.Page page, Action<string, double> add)
    {
        var t0 = ProcessCpuClock.NowMs();
        var words = PdfWordGrouping.GetWords(page.Letters);
        var t1 = ProcessCpuClock.NowMs();
        var blocks = TextLayerSteps.Segmenter.GetBlocks(words);
        var t2 = ProcessCpuClock.NowMs();
        _ = TextLayerSteps.Order.Get(blocks).Count();
        var t3 = ProcessCpuClock.NowMs();
        add("- words (nearest neighbour) ms", t1 - t0);
        add("- blocks (Docstrum) ms", t2 - t1);
        add("- reading order ms", t3 - t2);
    }

    /// <summary>The direct poppler-glib renderer's parts: the document opened once (shared out over its
    /// pages), the page loaded, and drawn into packed RGB with the grey check done on the way.</summary>
    private static void MeasurePoppler(string path, int count, Action<string, double> add)
    {
        var t0 = ProcessCpuClock.NowMs();
        using var document = PopplerDocument.Open(path);
        var opened = ProcessCpuClock.NowMs() - t0;
        var rgb = Array.Empty<byte>();
        for (var p = 1; p <= count; p++)
        {
            var t1 = ProcessCpuClock.NowMs();
            using var page = document.GetPage(p);
            var (width, height) = page.Size;
            var t2 = ProcessCpuClock.NowMs();
            var (w, h) = ((int)((width * 150 / 72) + 0.5), (int)((height * 150 / 72) + 0.5));
            if (rgb.Length != w * h * 3)
            {
                rgb = new byte[w * h * 3];
            }

            page.Draw(150 / 72.0, w, h, rgb);
            var t3 = ProcessCpuClock.NowMs();
            add("poppler-glib open (a document's share) ms", opened / count);
            add("poppler-glib page load ms", t2 - t1);
            add("poppler-glib draw 150 dpi + grey check ms", t3 - t2);
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
