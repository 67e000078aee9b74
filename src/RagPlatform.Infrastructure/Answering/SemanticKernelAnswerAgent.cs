using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using RagPlatform.Core.Answering;
using FunctionCallContent = Microsoft.Extensions.AI.FunctionCallContent;
using FunctionResultContent = Microsoft.Extensions.AI.FunctionResultContent;

namespace RagPlatform.Infrastructure.Answering;

/// <summary>The agentic answer: the model gets the document tools (Semantic Kernel functions exposed
/// as AI functions) and may call them for up to maxSteps - 1 steps; the last step offers no tools,
/// so the model must answer. The loop is ours, not an automatic function invoker's, because fetched
/// page images must reach the model as image content in a user message after the tool results.</summary>
internal sealed class SemanticKernelAnswerAgent : IAnswerAgent
{
    public async IAsyncEnumerable<ChatResponseUpdate> RunAsync(
        IChatClient chat,
        IList<ChatMessage> messages,
        AgentToolbox tools,
        int maxSteps,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var kernel = new Kernel();
        var documentTools = new DocumentTools(tools);
        // Functions without a plugin keep their own names (search_documents), which the model sees.
        KernelFunction[] kernelFunctions =
        [
            KernelFunctionFactory.CreateFromMethod(documentTools.SearchDocumentsAsync),
            KernelFunctionFactory.CreateFromMethod(documentTools.GetPageImageAsync),
        ];
        var functions = kernelFunctions.ToDictionary(f => f.Name);
        var toolList = kernelFunctions.Cast<AITool>().ToList();

        for (var step = 1; step <= maxSteps; step++)
        {
            var offerTools = step < maxSteps;
            var options = new ChatOptions { Temperature = 0, Tools = offerTools ? toolList : null };
            var updates = new List<ChatResponseUpdate>();
            await foreach (var update in chat.GetStreamingResponseAsync(messages, options, cancellationToken))
            {
                updates.Add(update);
                yield return update;
            }

            var response = updates.ToChatResponse();
            var calls = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().ToList();
            if (calls.Count == 0 || !offerTools)
            {
                yield break;
            }

            messages.AddMessages(response);
            foreach (var call in calls)
            {
                var result = await InvokeAsync(kernel, functions, call, cancellationToken);
                messages.Add(new ChatMessage(ChatRole.Tool, [new FunctionResultContent(call.CallId, result)]));
            }

            var images = documentTools.TakeImages();
            if (images.Count > 0)
            {
                messages.Add(new ChatMessage(ChatRole.User, images));
            }
        }
    }

    private static async Task<string> InvokeAsync(Kernel kernel, Dictionary<string, KernelFunction> functions, FunctionCallContent call, CancellationToken cancellationToken)
    {
        if (!functions.TryGetValue(call.Name, out var function))
        {
            return $"There is no tool named {call.Name}. The tools are: {string.Join(", ", functions.Keys)}.";
        }

        try
        {
            // Arguments arrive as JSON values; Semantic Kernel converts text to each parameter's type.
            var arguments = new KernelArguments();
            foreach (var (name, value) in call.Arguments ?? new Dictionary<string, object?>())
            {
                arguments[name] = value is JsonElement { ValueKind: JsonValueKind.String } text ? text.GetString() : value?.ToString();
            }

            var result = await function.InvokeAsync(kernel, arguments, cancellationToken);
            return result.GetValue<object>()?.ToString() ?? string.Empty;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or JsonException or KernelException)
        {
            // A malformed call is the model's mistake: tell it, so it can call again correctly.
            return $"The call to {call.Name} failed: {ex.Message}";
        }
    }
}
