using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Core.Ingestion;

/// <summary>Turns one extracted page into stored, embedded and indexed items: the page render,
/// the images drawn on it and its text chunks (in CLIP's space, the lexical index and, when its
/// model is installed, the text space, as longer passages: <see cref="TextSpace"/>).</summary>
/// <remarks>Text read by OCR: a page without a text layer (a scan, an uploaded screenshot) is
/// chunked from its OCR lines; every image item (embedded figure, uploaded image) carries the text
/// read inside it, so a word that exists only as pixels of a chart finds the chart. A page that has
/// a text layer is not read twice, but the images on it are.</remarks>
/// <remarks>Idempotent: item ids are derived from document, page and position, and every write is an
/// upsert or a replace, so a page retried after a crash ends up stored exactly once.</remarks>
public sealed partial class PageIndexer(
    IDocumentStore store,
    IBlobStore blobs,
    IDenseEncoders encoders,
    IVectorIndex vectors,
    ILexicalIndex lexical,
    TextChunker chunker,
    ImageTextReader ocr,
    ILogger<PageIndexer> logger,
    TextSpace? textSpace = null)
{
    /// <summary>Indexes the page and returns how many items it produced.</summary>
    public Task<int> IndexAsync(Document document, ExtractedPage page, CancellationToken cancellationToken) =>
        IndexAsync(document, page, null, cancellationToken);

    /// <inheritdoc cref="IndexAsync(Document, ExtractedPage, CancellationToken)"/>
    /// <param name="title">The document's own title (PDF metadata), indexed with its file name on page 1.</param>
    public async Task<int> IndexAsync(Document document, ExtractedPage page, string? title, CancellationToken cancellationToken)
    {
        var items = new List<Item>();
        var images = new Dictionary<Guid, EncodedImage>();

        var renderKey = await StoreRenderAsync(document, page, cancellationToken);
        var pageLines = page.Words.Count == 0 ? await ReadTextAsync(page.Render, cancellationToken) : [];

        // An uploaded image is an image item and carries its text; a PDF page's text lives in its chunks.
        var isImageDocument = document.Kind == DocumentKind.Image;
        var pageItem = NewItem(document, page, items.Count, isImageDocument ? Modality.Image : Modality.Page, null, isImageDocument ? ImageTextReader.Join(pageLines) : null, renderKey);
        items.Add(pageItem);
        images[pageItem.Id] = page.Render;

        for (var i = 0; i < page.Images.Count; i++)
        {
            var image = page.Images[i];
            var key = BlobKeys.EmbeddedImage(document.Id, page.Number, i, ExtensionOf(image.Image.MediaType));
            using (IngestionActivities.Start(IngestionActivities.StoreImages))
            {
                await PutAsync(key, image.Image.Data, cancellationToken);
            }

            var text = ImageTextReader.Join(await ReadTextAsync(image.Image, cancellationToken));
            var item = NewItem(document, page, items.Count, Modality.Image, image.Box.ClampToPage(), text, key);
            items.Add(item);
            images[item.Id] = image.Image;
        }

        var words = page.Words.Count > 0 ? page.Words : ImageTextReader.AsWords(pageLines);
        // Each note or form field is chunked on its own, so that its hit points at its rectangle.
        var annotations = page.AnnotationWords.GroupBy(word => word.Block).Select(block => block.ToList());
        var headings = new Dictionary<Guid, string>();
        using (IngestionActivities.Start(IngestionActivities.Chunk))
        {
            foreach (var chunk in new[] { words }.Concat(annotations).SelectMany(chunker.Chunk))
            {
                var item = NewItem(document, page, items.Count, Modality.Text, chunk.Box.ClampToPage(), chunk.Text, null);
                items.Add(item);
                if (chunk.Headings.Length > 0)
                {
                    headings[item.Id] = chunk.Headings;
                }
            }
        }

        if (encoders.IsAvailable)
        {
            // The vector writes are a stage of their own inside this one.
            using var _ = IngestionActivities.Start(IngestionActivities.Embed);
            await EmbedAsync(document.Collection, items, images, cancellationToken);
        }

        if (textSpace is { IsAvailable: true })
        {
            using var _ = IngestionActivities.Start(IngestionActivities.TextSpace);
            await textSpace.IndexPageAsync(document.Collection, items, cancellationToken);
        }

        using (IngestionActivities.Start(IngestionActivities.Lexical))
        {
            await lexical.IndexAsync(LexicalEntries(document, page.Number, items, headings, title), cancellationToken);
        }

        var info = new PageInfo(document.Id, page.Number, page.Width, page.Height, page.Words.Count > 0, renderKey)
        {
            Kind = NavigationPageDetector.Detect(words),
        };
        using (IngestionActivities.Start(IngestionActivities.SavePage))
        {
            await store.SavePageAsync(info, items, cancellationToken);
        }

        return items.Count;
    }

    /// <summary>An entry per item with text; the page item's entry holds the whole text of the page
    /// (its chunks in order); on page 1, the first entry also carries the words naming the document,
    /// an image without text an entry of its own for them. A chunk holding section headings carries
    /// their words as a field.</summary>
    private static List<LexicalEntry> LexicalEntries(Document document, int pageNumber, List<Item> items, Dictionary<Guid, string> headings, string? title)
    {
        var entries = items.Where(i => !string.IsNullOrWhiteSpace(i.Text))
            .Select(i => new LexicalEntry(i.Id, i.DocumentId, i.Modality, i.Text!) { Page = pageNumber, Headings = headings.GetValueOrDefault(i.Id, string.Empty) })
            .ToList();
        if (pageNumber == 1 && DocumentFields.For(document.FileName, title) is { Length: > 0 } fields)
        {
            var first = entries.FindIndex(e => e.Modality != Modality.Page);
            if (first >= 0)
            {
                entries[first] = entries[first] with { Fields = fields };
            }
            else if (items.FirstOrDefault(i => i.Modality != Modality.Page) is { } untitled)
            {
                entries.Add(new LexicalEntry(untitled.Id, untitled.DocumentId, untitled.Modality, string.Empty) { Fields = fields });
            }
        }

        var chunks = items.Where(i => i.Modality == Modality.Text).Select(i => i.Text).ToList();
        if (chunks.Count > 0 && items[0].Modality == Modality.Page)
        {
            entries.Add(new LexicalEntry(items[0].Id, document.Id, Modality.Page, string.Join(' ', chunks)) { Page = pageNumber });
        }

        return entries;
    }

    private async Task<string> StoreRenderAsync(Document document, ExtractedPage page, CancellationToken cancellationToken)
    {
        // An uploaded image is its own render: storing it again would double the disk it takes.
        if (document.Kind == DocumentKind.Image)
        {
            return BlobKeys.Original(document.Id);
        }

        var key = BlobKeys.PageRender(document.Id, page.Number);
        using var _ = IngestionActivities.Start(IngestionActivities.StoreImages);
        await PutAsync(key, page.Render.Data, cancellationToken);
        return key;
    }

    private async Task EmbedAsync(string collection, List<Item> items, Dictionary<Guid, EncodedImage> images, CancellationToken cancellationToken)
    {
        var records = new List<VectorRecord>();

        var textItems = items.Where(i => i.Modality == Modality.Text).ToList();
        if (textItems.Count > 0)
        {
            var embeddings = await encoders.Text.GenerateAsync(textItems.Select(i => i.Text!), cancellationToken: cancellationToken);
            records.AddRange(textItems.Select((item, n) => Record(item, embeddings[n])));
        }

        var imageItems = items.Where(i => images.ContainsKey(i.Id)).ToList();
        records.AddRange(await EmbedImagesAsync(imageItems, images, cancellationToken));

        using var _ = IngestionActivities.Start(IngestionActivities.Vectors);
        await vectors.UpsertAsync([.. records.Select(record => record with { Collection = collection })], cancellationToken);
    }

    /// <summary>Embeds images in one batch; when one of them cannot be decoded, falls back to one at a
    /// time so that a single broken figure costs only its own vector, not the page's.</summary>
    private async Task<List<VectorRecord>> EmbedImagesAsync(List<Item> imageItems, Dictionary<Guid, EncodedImage> images, CancellationToken cancellationToken)
    {
        if (imageItems.Count == 0)
        {
            return [];
        }

        DataContent ContentOf(Item item) => new(images[item.Id].Data, images[item.Id].MediaType);
        try
        {
            var embeddings = await encoders.Images.GenerateAsync(imageItems.Select(ContentOf), cancellationToken: cancellationToken);
            return imageItems.Select((item, n) => Record(item, embeddings[n])).ToList();
        }
        catch (DocumentRejectedException) when (imageItems.Count > 1)
        {
            var records = new List<VectorRecord>();
            foreach (var item in imageItems)
            {
                try
                {
                    var embedding = await encoders.Images.GenerateAsync([ContentOf(item)], cancellationToken: cancellationToken);
                    records.Add(Record(item, embedding[0]));
                }
                catch (DocumentRejectedException ex)
                {
                    LogImageSkipped(item.DocumentId, item.Page, ex.Message);
                }
            }

            return records;
        }
    }

    private async Task<IReadOnlyList<RecognizedLine>> ReadTextAsync(EncodedImage image, CancellationToken cancellationToken)
    {
        using var _ = ocr.IsAvailable ? IngestionActivities.Start(IngestionActivities.Ocr) : null;
        return await ocr.ReadAsync(image, cancellationToken);
    }

    private async Task PutAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        using var stream = new MemoryStream(data.ToArray(), writable: false);
        await blobs.PutAsync(key, stream, cancellationToken);
    }

    private static Item NewItem(Document document, ExtractedPage page, int ordinal, Modality modality, Region? region, string? text, string? blobKey) =>
        new(ItemIds.For(document.Id, page.Number, ordinal), document.Id, modality, page.Number, region, text, blobKey, (page.Number * 100_000) + ordinal);

    private static VectorRecord Record(Item item, Embedding<float> embedding) =>
        new(item.Id, item.DocumentId, item.Modality, embedding.Vector);

    private static string ExtensionOf(string mediaType) => mediaType switch
    {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "image/webp" => "webp",
        "image/gif" => "gif",
        "image/bmp" => "bmp",
        _ => "bin",
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped an undecodable image on page {Page} of document {DocumentId}: {Reason}")]
    private partial void LogImageSkipped(Guid documentId, int page, string reason);
}
