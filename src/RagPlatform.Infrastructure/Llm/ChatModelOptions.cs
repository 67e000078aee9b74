using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Infrastructure.Llm;

/// <summary>Settings of the optional chat model that writes answers, section <c>Chat</c>.</summary>
public sealed class ChatModelOptions
{
    public const string SectionName = "Chat";

    /// <summary>The endpoint used for <see cref="ChatProvider.OpenAI"/> when none is set.</summary>
    public static readonly Uri OpenAIEndpoint = new("https://api.openai.com/v1");

    /// <summary>The environment variable read for the key when <see cref="ApiKey"/> is empty and
    /// the provider is <see cref="ChatProvider.OpenAI"/>, as OpenAI's own tools do.</summary>
    public const string OpenAIKeyVariable = "OPENAI_API_KEY";

    /// <summary><see cref="ChatProvider.None"/> (the default) registers no chat model.</summary>
    public ChatProvider Provider { get; set; }

    /// <summary>Absolute URL of the server: for OpenAI-compatible servers the base that
    /// <c>/chat/completions</c> is appended to (<c>http://localhost:8000/v1</c> for vLLM; default
    /// <see cref="OpenAIEndpoint"/>), for Ollama its root (<c>http://localhost:11434</c>, required).</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The model id the server knows (<c>gpt-4o-mini</c>, <c>qwen2.5vl</c>,
    /// <c>Qwen/Qwen2-VL-7B-Instruct</c>); required with a provider.</summary>
    public string? Model { get; set; }

    /// <summary>Bearer key for OpenAI-compatible servers. Keep it out of files: set the
    /// environment variable <c>Chat__ApiKey</c> (or <c>OPENAI_API_KEY</c>). Servers without
    /// authentication (vLLM, llama.cpp, Ollama) need none.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Longest wait for one try: for the response headers, and then for each next piece
    /// of a response (a stream may run longer in total, as long as it keeps coming).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Longest wait for response headers over all tries, retry pauses included.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Retries after a first failed try (429, 408, 5xx, connection failures, attempt
    /// timeouts); 0 tries once.</summary>
    [Range(0, 20)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Pause before the first retry; it doubles with each retry, with jitter. A
    /// <c>Retry-After</c> header from the server replaces it.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The endpoint after defaults: <see cref="Endpoint"/>, or for OpenAI <see cref="OpenAIEndpoint"/>.</summary>
    internal Uri? ResolvedEndpoint => Endpoint ?? (Provider == ChatProvider.OpenAI ? OpenAIEndpoint : null);

    /// <summary>The key after defaults: <see cref="ApiKey"/>, or for OpenAI the variable
    /// <see cref="OpenAIKeyVariable"/> read through <paramref name="environment"/>.</summary>
    internal string? ResolveApiKey(Func<string, string?> environment) =>
        !string.IsNullOrWhiteSpace(ApiKey) ? ApiKey
        : Provider == ChatProvider.OpenAI && environment(OpenAIKeyVariable) is { Length: > 0 } key ? key
        : null;
}
