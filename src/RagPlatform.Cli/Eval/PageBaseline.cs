namespace RagPlatform.Cli.Eval;

/// <summary>Builds the page-BM25 baseline (<see cref="PageBm25"/>) over a dataset's PDFs, page text
/// from `pdftotext`. Documents that are not PDFs (images) have no page text for it and are left out.</summary>
internal static class PageBaseline
{
    /// <summary>How the report names the baseline.</summary>
    public static string Description => $"page BM25: {PdfPageTexts.Tool} per page, lower-cased letter/digit tokens, no stemming, k1 = {PageBm25.K1}, b = {PageBm25.B}";

    /// <exception cref="InvalidOperationException">pdftotext is missing or fails on a file.</exception>
    public static async Task<PageBm25> BuildAsync(EvalDataset dataset, CancellationToken cancellationToken)
    {
        var index = new PageBm25();
        foreach (var document in dataset.Documents.Where(d => d.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase)))
        {
            var pages = await PdfPageTexts.ReadAsync(document, cancellationToken);
            for (var i = 0; i < pages.Count; i++)
            {
                index.Add(new PageKey(dataset.NameOf(document), i + 1), pages[i]);
            }
        }

        return index;
    }

    /// <summary>Queries judged by page: text→text, every relevant unit a page with no modality.</summary>
    public static bool IsPageJudged(EvalQuery query) =>
        query.Kind == QueryKinds.TextToText && query.Relevant.All(u => u.Page is not null && u.Modality is null);
}
