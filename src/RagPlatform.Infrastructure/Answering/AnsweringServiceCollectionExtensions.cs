using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Core.Answering;

namespace RagPlatform.Infrastructure.Answering;

public static class AnsweringServiceCollectionExtensions
{
    /// <summary>The adapters answering needs besides the chat model: the prompt token counter and the
    /// Semantic Kernel agent of agentic answers.</summary>
    public static IServiceCollection AddAnsweringAdapters(this IServiceCollection services)
    {
        services.AddSingleton<IPromptTokenCounter, TiktokenPromptTokenCounter>();
        services.AddSingleton<IAnswerAgent, SemanticKernelAnswerAgent>();
        return services;
    }
}
