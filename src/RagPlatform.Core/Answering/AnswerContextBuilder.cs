using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Core.Answering;

/// <summary>Turns search hits into numbered sources: each hit's full text (OCR text for images),
/// within the passage token budget, and images — the embedded figure, the rendered page, or the crop of
/// a text hit's region, as <see cref="ItemImages"/> serves them — within the image budget (count,
/// longest side, total pixels). Figures and pages get images first; crops of the best text hits take
/// what is left, so a table's layout reaches a vision model too.</summary>
public sealed class AnswerContextBuilder(IDocumentStore store, ItemImages images, IPromptTokenCounter tokens, IOptions<AnsweringOptions> options)
{
    /// <summary>Smallest longest side worth sending: below it a model reads nothing.</summary>
    private const int MinImageSide = 128;

    /// <summary>A passage cut shorter than this many tokens is dropped rather than sent as a fragment.</summary>
    private const int MinPassageTokens = 24;

    public async Task<AnswerContext> BuildAsync(IReadOnlyList<SearchHit> hits, ContextBudget budget, ISet<Guid> alreadySent, CancellationToken cancellationToken)
    {
        var fresh = hits.Where(h => !alreadySent.Contains(h.ItemId)).Take(Math.Max(0, budget.Sources)).ToList();
        var items = (await store.GetItemsAsync([.. fresh.Select(h => h.ItemId)], cancellationToken)).ToDictionary(i => i.Id);
        var chosen = new List<(SearchHit Hit, Item Item, string? Passage)>();
        foreach (var hit in fresh)
        {
            if (!items.TryGetValue(hit.ItemId, out var item))
            {
                continue;
            }

            var passage = TakePassage(item.Text, budget);
            if (passage is null && hit.Modality == Modality.Text)
            {
                continue; // a text source without its text is nothing to cite
            }

            chosen.Add((hit, item, passage));
        }

        // Images: figures and pages in rank order, then crops of text hits in rank order.
        var imageOrder = chosen.Where(c => c.Hit.Modality != Modality.Text).Concat(chosen.Where(c => c.Hit.Modality == Modality.Text));
        var imagesById = new Dictionary<Guid, EncodedImage>();
        foreach (var (hit, item, _) in imageOrder)
        {
            if (budget.Images <= 0)
            {
                break;
            }

            var image = await TakeImageAsync(item, budget, cancellationToken);
            if (image is not null)
            {
                imagesById[item.Id] = image;
            }
        }

        var sources = new List<AnswerSource>();
        var sent = new List<ContextImage>();
        foreach (var (hit, item, passage) in chosen)
        {
            var hasImage = imagesById.TryGetValue(item.Id, out var image);
            if (passage is null && !hasImage)
            {
                continue; // neither text nor image fitted
            }

            var number = budget.NextNumber++;
            budget.Sources--;
            alreadySent.Add(item.Id);
            sources.Add(new AnswerSource(number, hit, passage, hasImage));
            if (hasImage)
            {
                sent.Add(new ContextImage(
                    new DataContent(image!.Data, image.MediaType),
                    new SentImage(number, item.Id, image.MediaType, image.PixelWidth, image.PixelHeight, image.Data.Length)));
            }
        }

        return new AnswerContext(sources, sent);
    }

    private string? TakePassage(string? text, ContextBudget budget)
    {
        if (string.IsNullOrWhiteSpace(text) || budget.PassageTokens < MinPassageTokens)
        {
            return null;
        }

        var count = tokens.CountTokens(text);
        if (count <= budget.PassageTokens)
        {
            budget.PassageTokens -= count;
            return text;
        }

        var cut = tokens.Truncate(text, budget.PassageTokens);
        budget.PassageTokens -= tokens.CountTokens(cut);
        return cut.Length == 0 ? null : cut + "…";
    }

    private async Task<EncodedImage?> TakeImageAsync(Item item, ContextBudget budget, CancellationToken cancellationToken)
    {
        var side = options.Value.MaxImageSide;
        var image = await images.GetAtMostAsync(item, side, cancellationToken);
        if (image is null || image.PixelWidth <= 0 || image.PixelHeight <= 0)
        {
            return null;
        }

        long pixels = (long)image.PixelWidth * image.PixelHeight;
        if (pixels > budget.ImagePixels)
        {
            // Shrink to what the pixel budget has left, keeping the aspect ratio.
            var scale = Math.Sqrt((double)budget.ImagePixels / pixels);
            var smaller = (int)Math.Floor(Math.Max(image.PixelWidth, image.PixelHeight) * scale);
            if (smaller < MinImageSide)
            {
                return null;
            }

            image = await images.GetAtMostAsync(item, smaller, cancellationToken);
            if (image is null)
            {
                return null;
            }

            pixels = (long)image.PixelWidth * image.PixelHeight;
        }

        budget.Images--;
        budget.ImagePixels -= pixels;
        return image;
    }
}
