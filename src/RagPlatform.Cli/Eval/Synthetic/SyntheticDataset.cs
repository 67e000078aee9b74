namespace RagPlatform.Cli.Eval.Synthetic;

/// <summary>The dataset `rag eval --generate` writes: PDFs with charts and tables drawn as images
/// (their words only as pixels), screenshots at 1x, photos with captions in the text layer, plain
/// text pages, queries of every kind that point at them, the transcript of every line drawn
/// upright in an image of the corpus (for the OCR character error rate), and questions for the
/// answering API whose key facts are strings the documents were written from. Drawn by code, so the repository holds
/// no binary corpus and anyone can regenerate it: images and queries come out byte-identical, PDFs
/// differ only in the random file identifier PdfPig writes.</summary>
/// <remarks>Why in the CLI rather than only in the tests: the dataset then also runs against a real
/// server with the real CLIP model (`rag eval --generate d &amp;&amp; rag eval d`), where dense numbers
/// mean something; the tiny test model's do not.</remarks>
internal static class SyntheticDataset
{
    public static async Task<(int Documents, int Queries, int Transcripts, int Questions)> WriteAsync(string folder, CancellationToken cancellationToken)
    {
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new EvalDatasetException($"--generate writes into a new or empty folder; {folder} is not empty.");
        }

        var writer = new DatasetWriter();
        ReportDocuments.Write(writer);
        ReferenceDocuments.Write(writer);
        ImageDocuments.Write(writer);
        UnanswerableQuestions.Write(writer);
        await writer.SaveAsync(folder, cancellationToken);
        return (writer.DocumentCount, writer.QueryCount, writer.TranscriptCount, writer.QuestionCount);
    }
}
