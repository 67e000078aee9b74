using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Core.Search;

/// <summary>The second dense space, for text: a retrieval model (<see cref="ITextEncoder"/>) and
/// its own vector index (<see cref="ITextVectorIndex"/>). CLIP's text tower sees 77 tokens and was
/// trained on captions; this space reads passages of up to <see cref="ITextEncoder.PassageTokens"/>
/// tokens and was trained on question → passage pairs. Its ranked list joins the lexical and CLIP
/// lists in fusion.</summary>
/// <remarks>Passages: the CLIP-sized chunks of a page are grouped into longer passages
/// (<see cref="PassageGrouping"/>, never across pages); each passage is embedded once and its vector
/// is stored under the id of every chunk it holds. Hits, regions, snippets and lexical matches stay
/// those of the chunks, so a chunk found by both BM25 and this space is one item in fusion and
/// rises, as with CLIP.</remarks>
public sealed class TextSpace(ITextEncoder encoder, ITextVectorIndex index, IOptions<SearchOptions> options) : IDisposable
{
    private readonly CollectionDenseScoreCalibrator _calibrator = new(index, options);

    public bool IsAvailable => encoder.IsAvailable;

    public ITextEncoder Encoder => encoder;

    public ITextVectorIndex Index => index;

    /// <summary>Embeds a page's text chunks as passages; nothing while the model is not installed.</summary>
    /// <returns>How many passages were embedded.</returns>
    public async Task<int> IndexPageAsync(string collection, IReadOnlyList<Item> chunks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(chunks);
        var texts = chunks.Where(c => c.Modality == Modality.Text && !string.IsNullOrWhiteSpace(c.Text)).ToList();
        if (!encoder.IsAvailable || texts.Count == 0)
        {
            return 0;
        }

        var passages = PassageGrouping.Group([.. texts.Select(c => encoder.CountTokens(c.Text!))], encoder.PassageTokens);
        var passageTexts = passages.Select(range => string.Join(' ', texts[range].Select(c => c.Text!.Trim()))).ToList();
        var embeddings = await encoder.Passages.GenerateAsync(passageTexts, cancellationToken: cancellationToken);
        var records = passages
            .SelectMany((range, n) => texts[range].Select(chunk => new VectorRecord(chunk.Id, chunk.DocumentId, chunk.Modality, embeddings[n].Vector) { Collection = collection }))
            .ToList();
        await index.UpsertAsync(records, cancellationToken);
        return passages.Count;
    }

    /// <summary>Removes a document's text-space vectors, also those stored while a model that is gone now was installed.</summary>
    public Task DeleteDocumentAsync(Guid documentId, CancellationToken cancellationToken) => index.DeleteDocumentAsync(documentId, cancellationToken);

    /// <summary>The text items nearest to a text query in this space; null while the model is not installed.</summary>
    /// <param name="calibrate">Attach this space's own score calibration (weighted fusion needs it).</param>
    public async Task<DenseList?> SearchAsync(string text, int limit, SearchFilter filter, bool calibrate, CancellationToken cancellationToken)
    {
        if (!encoder.IsAvailable)
        {
            return null;
        }

        var query = await encoder.Queries.GenerateVectorAsync(text, cancellationToken: cancellationToken);
        var hits = await index.SearchAsync(query, limit, filter, cancellationToken);
        var calibration = calibrate ? await _calibrator.GetAsync(filter.Collection, cancellationToken) : null;
        return new DenseList(Modality.Text, hits, calibration);
    }

    public void Dispose() => _calibrator.Dispose();
}
