using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RagPlatform.Infrastructure.Llm;

namespace RagPlatform.Infrastructure.Tests.Llm;

public sealed class ChatModelRegistrationTests
{
    [Fact]
    public void Without_a_provider_no_chat_client_is_registered()
    {
        using var services = ChatModelHost.Build([]);

        Assert.Null(services.GetService<IChatClient>());
        Assert.Equal(ChatProvider.None, services.GetRequiredService<IOptions<ChatModelOptions>>().Value.Provider);
    }

    [Fact]
    public void Defaults_apply_when_the_section_is_absent()
    {
        using var services = ChatModelHost.Build([]);

        var options = services.GetRequiredService<IOptions<ChatModelOptions>>().Value;
        Assert.Equal(
            (TimeSpan.FromSeconds(100), TimeSpan.FromMinutes(5), 3, (Uri?)null, (string?)null),
            (options.AttemptTimeout, options.TotalTimeout, options.MaxRetries, options.Endpoint, options.Model));
    }

    [Fact]
    public void Empty_settings_as_appsettings_json_ships_them_count_as_unset()
    {
        using var services = ChatModelHost.Build(new() { ["Chat:Provider"] = "None", ["Chat:Endpoint"] = "", ["Chat:Model"] = "" });

        var options = services.GetRequiredService<IOptions<ChatModelOptions>>().Value;
        Assert.Null(options.Endpoint);
        Assert.Null(services.GetService<IChatClient>());
    }

    [Fact]
    public void OpenAI_without_a_model_fails_validation_naming_chat_model()
    {
        using var services = ChatModelHost.Build(new() { ["Chat:Provider"] = "OpenAI", ["Chat:ApiKey"] = "key" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ChatModelOptions>>().Value);
        Assert.Contains("Chat:Model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ollama_without_an_endpoint_fails_validation_naming_chat_endpoint()
    {
        using var services = ChatModelHost.Build(new() { ["Chat:Provider"] = "Ollama", ["Chat:Model"] = "qwen2.5vl" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IChatClient>());
        Assert.Contains("Chat:Endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenAI_defaults_to_the_openai_endpoint()
    {
        using var services = ChatModelHost.Build(new() { ["Chat:Provider"] = "OpenAI", ["Chat:Model"] = "gpt-4o-mini", ["Chat:ApiKey"] = "key" });

        var metadata = services.GetRequiredService<IChatClient>().GetService<ChatClientMetadata>();

        Assert.Equal(("gpt-4o-mini", "api.openai.com"), (metadata?.DefaultModelId, metadata?.ProviderUri?.Host));
    }

    [Fact]
    public void A_relative_endpoint_fails_validation_naming_chat_endpoint()
    {
        using var services = ChatModelHost.Build(new() { ["Chat:Provider"] = "Ollama", ["Chat:Model"] = "m", ["Chat:Endpoint"] = "localhost/ollama" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ChatModelOptions>>().Value);
        Assert.Contains("Chat:Endpoint", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_attempt_timeout_longer_than_the_total_fails_validation_naming_both_keys()
    {
        using var services = ChatModelHost.Build(new() { ["Chat:AttemptTimeout"] = "00:10:00", ["Chat:TotalTimeout"] = "00:05:00" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ChatModelOptions>>().Value);
        Assert.Contains("Chat:AttemptTimeout", error.Message, StringComparison.Ordinal);
        Assert.Contains("Chat:TotalTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_openai_key_falls_back_to_the_OPENAI_API_KEY_variable()
    {
        Dictionary<string, string?> environment = new() { [ChatModelOptions.OpenAIKeyVariable] = "from-env" };
        string? Read(string name) => environment.GetValueOrDefault(name);

        Assert.Equal("from-env", new ChatModelOptions { Provider = ChatProvider.OpenAI }.ResolveApiKey(Read));
        Assert.Equal("configured", new ChatModelOptions { Provider = ChatProvider.OpenAI, ApiKey = "configured" }.ResolveApiKey(Read));
        Assert.Null(new ChatModelOptions { Provider = ChatProvider.Ollama }.ResolveApiKey(Read));
    }
}
