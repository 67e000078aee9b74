using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.AI;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Core.Answering;

/// <summary>The tools of one agentic answer. Every search adds its new hits to the answer's numbered
/// sources within the answer's budget, and every call is recorded for the response.</summary>
public sealed class AgentToolbox(
    SearchService search,
    AnswerContextBuilder contexts,
    ItemImages images,
    SearchFilter filter,
    ContextBudget budget,
    int imageSide)
{
    /// <summary>Hits one tool search asks for.</summary>
    private const int SearchLimit = 5;

    /// <summary>Characters of a tool result kept in the response's record of the call.</summary>
    private const int RecordedResultLength = 300;

    private readonly ConcurrentQueue<ToolCall> pending = new();
    private readonly List<AnswerSource> sources = [];
    private readonly List<ContextImage> sentImages = [];
    private readonly HashSet<Guid> sent = [];

    public IReadOnlyList<AnswerSource> Sources => sources;

    public IReadOnlyList<ContextImage> Images => sentImages;

    public List<ToolCall> Calls { get; } = [];

    /// <summary>Registers the first retrieval's context, so later searches number after it.</summary>
    public void Seed(AnswerContext context)
    {
        sources.AddRange(context.Sources);
        sentImages.AddRange(context.Images);
        foreach (var source in context.Sources)
        {
            sent.Add(source.Hit.ItemId);
        }
    }

    /// <summary>Calls made since the last look, for streaming them as they happen.</summary>
    public IEnumerable<ToolCall> TakeNewCalls()
    {
        while (pending.TryDequeue(out var call))
        {
            yield return call;
        }
    }

    /// <returns>The new sources as the model reads them, or a sentence saying there are none.</returns>
    public async Task<string> SearchDocumentsAsync(string query, CancellationToken cancellationToken)
    {
        string result;
        if (string.IsNullOrWhiteSpace(query))
        {
            result = "The query was empty.";
        }
        else if (budget.Sources <= 0)
        {
            result = "No more sources fit in this answer: answer from the sources you have.";
        }
        else
        {
            var found = await search.SearchAsync(new SearchRequest(query, null, filter, SearchLimit), cancellationToken);
            var context = await contexts.BuildAsync(found.Hits, budget, sent, cancellationToken);
            sources.AddRange(context.Sources);
            sentImages.AddRange(context.Images);
            result = context.Sources.Count == 0 ? "Nothing new was found." : AnswerPrompts.SourcesText(context.Sources);
        }

        Record("search_documents", new Dictionary<string, object?> { ["query"] = query }, result);
        return result;
    }

    /// <param name="sourceNumber">The [n] of a source whose page to show.</param>
    public async Task<AgentPageImage> GetPageImageAsync(int sourceNumber, CancellationToken cancellationToken)
    {
        var source = sources.FirstOrDefault(s => s.Number == sourceNumber);
        AgentPageImage result;
        if (source is null)
        {
            result = new AgentPageImage($"There is no source [{sourceNumber}].", null);
        }
        else if (budget.Images <= 0)
        {
            result = new AgentPageImage("No more images fit in this answer.", null);
        }
        else
        {
            var image = await images.PageAtMostAsync(source.Hit.DocumentId, source.Hit.Page, imageSide, cancellationToken);
            if (image is null)
            {
                result = new AgentPageImage($"The page of source [{sourceNumber}] has no image.", null);
            }
            else
            {
                budget.Images--;
                budget.ImagePixels -= (long)image.PixelWidth * image.PixelHeight;
                var content = new DataContent(image.Data, image.MediaType);
                sentImages.Add(new ContextImage(content, new SentImage(sourceNumber, source.Hit.ItemId, image.MediaType, image.PixelWidth, image.PixelHeight, image.Data.Length)));
                result = new AgentPageImage(string.Create(CultureInfo.InvariantCulture, $"Page {source.Hit.Page} of {source.Hit.DocumentName} (source [{sourceNumber}]) is attached below."), content);
            }
        }

        Record("get_page_image", new Dictionary<string, object?> { ["sourceNumber"] = sourceNumber }, result.Text);
        return result;
    }

    private void Record(string name, Dictionary<string, object?> arguments, string result)
    {
        var shortened = result.Length <= RecordedResultLength ? result : string.Concat(result.AsSpan(0, RecordedResultLength), "…");
        var call = new ToolCall(name, arguments, shortened);
        Calls.Add(call);
        pending.Enqueue(call);
    }
}
