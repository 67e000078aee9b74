using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using RagPlatform.Vectors.PgVector;

namespace RagPlatform.Infrastructure.Tests.PgVector;

/// <summary>The "PgVector" section: its fallback to Postgres:ConnectionString and its checks at
/// start-up. Nothing here connects (the indexes connect on first use).</summary>
public sealed class PgVectorRegistrationTests
{
    private const string Server = "Host=db.example;Database=rag;Username=rag;Password=secret";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_empty_connection_string_falls_back_to_the_Postgres_one()
    {
        using var host = BuildHost(("Postgres:ConnectionString", Server));

        await host.StartAsync(Token);

        Assert.Equal(Server, host.Services.GetRequiredService<IOptions<PgVectorOptions>>().Value.ConnectionString);
        await host.StopAsync(Token);
    }

    [Fact]
    public async Task The_PgVector_connection_string_wins_over_the_Postgres_one()
    {
        using var host = BuildHost(("PgVector:ConnectionString", "Host=vectors.example"), ("Postgres:ConnectionString", Server));

        await host.StartAsync(Token);

        Assert.Equal("Host=vectors.example", host.Services.GetRequiredService<IOptions<PgVectorOptions>>().Value.ConnectionString);
        await host.StopAsync(Token);
    }

    [Fact]
    public async Task Without_any_connection_string_start_up_fails_naming_both_keys()
    {
        using var host = BuildHost();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Token));

        Assert.Contains("PgVector:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.Contains("Postgres:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PgVector:ConnectionString", "Host=x;NoSuchKeyword=1", "PgVector:ConnectionString")]
    [InlineData("PgVector:Schema", "Robert'); DROP TABLE", "PgVector:Schema")]
    [InlineData("PgVector:EfSearch", "5000", "EfSearch")]
    public async Task A_bad_setting_stops_start_up_naming_the_key(string key, string value, string named)
    {
        using var host = BuildHost(("Postgres:ConnectionString", Server), (key, value));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(Token));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_the_two_vector_ports_are_registered_besides_options_and_the_database()
    {
        var services = new ServiceCollection().AddPgVectorVectors();

        var registered = services.Select(s => s.ServiceType).Where(t => t.Namespace?.StartsWith("RagPlatform", StringComparison.Ordinal) == true).ToList();

        Assert.Equal(
            [typeof(PgVectorDatabase), typeof(Core.Search.IVectorIndex), typeof(Core.Search.ITextVectorIndex)],
            registered.Where(t => !t.IsGenericType));
    }

    private static IHost BuildHost(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.Services.AddPgVectorVectors();
        return builder.Build();
    }
}
