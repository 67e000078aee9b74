namespace RagPlatform.Infrastructure.Llm;

/// <summary>Which wire protocol the chat model speaks.</summary>
public enum ChatProvider
{
    /// <summary>No language model: answers are extractive.</summary>
    None,

    /// <summary>OpenAI's chat completions API, or any server that speaks it (vLLM, llama.cpp,
    /// LM Studio, Ollama's <c>/v1</c>, Azure OpenAI's v1 API).</summary>
    OpenAI,

    /// <summary>Ollama's native API (<c>/api/chat</c>).</summary>
    Ollama,
}
