using Microsoft.Extensions.Options;

namespace RagPlatform.Infrastructure.Llm;

/// <summary>Checks what data annotations cannot: the settings a chosen provider needs, each
/// failure naming its key (<c>Chat:Model</c>).</summary>
internal sealed class ChatModelOptionsValidator : IValidateOptions<ChatModelOptions>
{
    private static readonly string Section = ChatModelOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, ChatModelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = [];
        if (options.AttemptTimeout > options.TotalTimeout)
        {
            failures.Add($"{Section}:{nameof(options.AttemptTimeout)} ({options.AttemptTimeout}) must not exceed {Section}:{nameof(options.TotalTimeout)} ({options.TotalTimeout}).");
        }

        if (options.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("http" or "https")))
        {
            failures.Add($"{Section}:{nameof(options.Endpoint)} must be an absolute http or https URL, not '{endpoint.OriginalString}'.");
        }

        if (options.Provider == ChatProvider.None)
        {
            return Result(failures);
        }

        if (string.IsNullOrWhiteSpace(options.Model))
        {
            failures.Add($"{Section}:{nameof(options.Model)} is required when {Section}:{nameof(options.Provider)} is {options.Provider} (the model id the server knows, e.g. {ExampleModel(options.Provider)}).");
        }

        if (options.ResolvedEndpoint is null)
        {
            failures.Add($"{Section}:{nameof(options.Endpoint)} is required when {Section}:{nameof(options.Provider)} is {options.Provider} (e.g. http://localhost:11434).");
        }

        if (options.Provider == ChatProvider.OpenAI
            && options.ResolvedEndpoint?.Host == ChatModelOptions.OpenAIEndpoint.Host
            && options.ResolveApiKey(Environment.GetEnvironmentVariable) is null)
        {
            failures.Add($"{Section}:{nameof(options.ApiKey)} is required for {ChatModelOptions.OpenAIEndpoint.Host}: set the environment variable {Section}__{nameof(options.ApiKey)} or {ChatModelOptions.OpenAIKeyVariable}.");
        }

        return Result(failures);
    }

    private static string ExampleModel(ChatProvider provider) => provider == ChatProvider.Ollama ? "qwen2.5vl" : "gpt-4o-mini";

    private static ValidateOptionsResult Result(List<string> failures) =>
        failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
}
