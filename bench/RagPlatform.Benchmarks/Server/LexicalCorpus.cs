using System.Globalization;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Benchmarks.Server;

/// <summary>What the ingestion pipeline hands a lexical index, generated: documents of
/// <see cref="PagesPerDocument"/> pages, each page <see cref="ChunksPerPage"/> chunks of 40 to 55
/// words (the CLIP text window the chunker fills) plus one entry with the page's whole text; the
/// first chunk of a document carries its file name and title as fields, the first chunk of every
/// third page a section heading. Queries are one to three consecutive content words of a random
/// chunk, as a user remembers them.</summary>
internal sealed class LexicalCorpus
{
    public const int ChunksPerPage = 10;
    public const int PagesPerDocument = 10;

    private LexicalCorpus(IReadOnlyList<CorpusDocument> documents, IReadOnlyList<string> queries, int chunks)
    {
        Documents = documents;
        Queries = queries;
        Chunks = chunks;
    }

    public IReadOnlyList<CorpusDocument> Documents { get; }

    public IReadOnlyList<string> Queries { get; }

    /// <summary>Chunk entries in all (page entries not counted).</summary>
    public int Chunks { get; }

    public int Pages => Documents.Sum(document => document.Entries.Count(entry => entry.Modality == Modality.Page));

    public static LexicalCorpus Generate(int chunks, int queries, ulong seed)
    {
        var random = new Random(unchecked((int)seed));
        var text = new SyntheticText();
        var documents = new List<CorpusDocument>();
        var made = 0;
        for (var d = 0; made < chunks; d++)
        {
            var topic = text.Topic(random);
            var fileName = string.Create(CultureInfo.InvariantCulture, $"{topic[0]}-{topic[1]}-{d:D5}.pdf");
            var documentId = NewId(random);
            var entries = new List<LexicalEntry>();
            for (var page = 1; page <= PagesPerDocument && made < chunks; page++)
            {
                var pageChunks = new List<string>();
                for (var c = 0; c < ChunksPerPage && made < chunks; c++, made++)
                {
                    var chunk = text.Words(random, topic, random.Next(40, 56));
                    pageChunks.Add(chunk);
                    entries.Add(new LexicalEntry(NewId(random), documentId, Modality.Text, chunk)
                    {
                        Page = page,
                        Fields = entries.Count == 0 ? $"{fileName} {text.Words(random, topic, 6)}" : "",
                        Headings = c == 0 && page % 3 == 1 ? text.Words(random, topic, 3) : "",
                    });
                }

                entries.Add(new LexicalEntry(NewId(random), documentId, Modality.Page, string.Join(' ', pageChunks)) { Page = page });
            }

            documents.Add(new CorpusDocument(documentId, fileName, entries));
        }

        return new LexicalCorpus(documents, DrawQueries(documents, queries, random), made);
    }

    private static List<string> DrawQueries(List<CorpusDocument> documents, int count, Random random)
    {
        var queries = new List<string>(count);
        while (queries.Count < count)
        {
            var document = documents[random.Next(documents.Count)];
            var chunk = document.Entries[random.Next(document.Entries.Count)];
            if (chunk.Modality == Modality.Page)
            {
                continue;
            }

            var words = chunk.Text.Split(' ').Select(word => word.TrimEnd('.').ToLowerInvariant()).Where(word => !SyntheticText.IsFunctionWord(word)).ToArray();
            var length = 1 + (queries.Count % 3);
            if (words.Length < length)
            {
                continue;
            }

            var start = random.Next(words.Length - length + 1);
            queries.Add(string.Join(' ', words.AsSpan(start, length).ToArray()));
        }

        return queries;
    }

    private static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
