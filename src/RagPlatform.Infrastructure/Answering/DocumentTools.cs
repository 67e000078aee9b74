using System.ComponentModel;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using RagPlatform.Core.Answering;
using TextContent = Microsoft.Extensions.AI.TextContent;

namespace RagPlatform.Infrastructure.Answering;

/// <summary>The agent's tools as Semantic Kernel functions over one answer's <see cref="AgentToolbox"/>.
/// Page images cannot travel in a tool result (most chat protocols take text there), so they wait in
/// <see cref="TakeImages"/> for the agent to show them in the next user message.</summary>
internal sealed class DocumentTools(AgentToolbox toolbox)
{
    private readonly List<AIContent> images = [];

    [KernelFunction("search_documents")]
    [Description("Searches the user's documents again and returns new numbered sources (passages with their document and page). Use it for another part of the question or with other words.")]
    public Task<string> SearchDocumentsAsync(
        [Description("What to search for: key words or a short question")] string query,
        CancellationToken cancellationToken) =>
        toolbox.SearchDocumentsAsync(query, cancellationToken);

    [KernelFunction("get_page_image")]
    [Description("Shows the whole page that a source is on, as an image, to read a figure, table or layout.")]
    public async Task<string> GetPageImageAsync(
        [Description("The number n of the source [n] whose page to show")] int sourceNumber,
        CancellationToken cancellationToken)
    {
        var result = await toolbox.GetPageImageAsync(sourceNumber, cancellationToken);
        if (result.Image is not null)
        {
            images.Add(new TextContent($"Page image for source [{sourceNumber}]:"));
            images.Add(result.Image);
        }

        return result.Text;
    }

    /// <summary>The page images fetched since the last call, with their captions.</summary>
    public List<AIContent> TakeImages()
    {
        var taken = images.ToList();
        images.Clear();
        return taken;
    }
}
