using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Infrastructure.Llm;

namespace RagPlatform.Infrastructure.Tests.Llm;

/// <summary>A service provider with <see cref="ChatModelServiceCollectionExtensions.AddChatModel"/>
/// and a <c>Chat</c> section: generous timeouts and tiny retry pauses unless a test overrides them.</summary>
internal static class ChatModelHost
{
    public const string Model = "test-model";

    public const string ApiKey = "test-key";

    /// <param name="attempts">Counts the attempts the client starts, when given.</param>
    public static ServiceProvider Build(ChatProvider provider, Uri endpoint, Dictionary<string, string?>? overrides = null, AttemptCounter? attempts = null)
    {
        Dictionary<string, string?> settings = new()
        {
            ["Chat:Provider"] = provider.ToString(),
            ["Chat:Endpoint"] = endpoint.ToString(),
            ["Chat:Model"] = Model,
            ["Chat:ApiKey"] = ApiKey,
            ["Chat:AttemptTimeout"] = "00:00:30",
            ["Chat:TotalTimeout"] = "00:01:00",
            ["Chat:MaxRetries"] = "3",
            ["Chat:RetryDelay"] = "00:00:00.001",
        };
        foreach (var (key, value) in overrides ?? [])
        {
            settings[key] = value;
        }

        return Build(settings, attempts);
    }

    public static ServiceProvider Build(Dictionary<string, string?> settings, AttemptCounter? attempts = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddChatModel();
        attempts?.Attach(services);
        return services.BuildServiceProvider();
    }
}
