using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RagPlatform.Api.Security;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Access;

namespace RagPlatform.Api.Tests.Security;

/// <summary>The API process on an address other machines can reach: without a key it does not start and
/// says how to make one; with one it starts.</summary>
public sealed class OpenBindStartTests : IDisposable
{
    private readonly string data = Path.Combine(Path.GetTempPath(), "ragplatform-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(data))
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_bind_to_every_interface_without_a_key_ends_the_start_with_one_line_saying_how_to_create_one()
    {
        var (exit, output) = await HostProcess.RunUntilExitAsync(data, new Dictionary<string, string> { ["Urls"] = "http://0.0.0.0:0" }, TimeSpan.FromMinutes(2));

        Assert.Equal(2, exit);
        var line = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("http://0.0.0.0:0", line, StringComparison.Ordinal);
        Assert.Contains("rag keys create", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_binary_creates_lists_and_revokes_keys_for_containers_without_the_cli()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var token = TestContext.Current.CancellationToken;

        var created = await KeysCommand.RunAsync(["keys", "create", "--name", "ops", "--scope", "admin"], data, output, error, token);
        var secret = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[1];
        var listed = await KeysCommand.RunAsync(["keys", "list"], data, output, error, token);
        var revoked = await KeysCommand.RunAsync(["keys", "revoke", "ops"], data, output, error, token);
        var keys = await ApiKeyFile.InDataDirectory(data).LoadAsync(token);

        Assert.Equal((0, 0, 0), (created, listed, revoked));
        Assert.StartsWith(ApiKeySecrets.Prefix, secret, StringComparison.Ordinal);
        Assert.Equal(2, output.ToString().Split(secret).Length);
        var key = Assert.Single(keys);
        Assert.Equal(ApiKeyScope.Admin, key.Scope);
        Assert.False(key.IsActive);
        Assert.Equal(string.Empty, error.ToString());
    }

    [Theory]
    [InlineData("http://localhost:5080", true)]
    [InlineData("http://127.0.0.1:0", true)]
    [InlineData("http://[::1]:5080", true)]
    [InlineData("http://0.0.0.0:5080", false)]
    [InlineData("http://[::]:5080", false)]
    [InlineData("http://*:5080", false)]
    [InlineData("http://+:8080", false)]
    [InlineData("http://192.168.1.20:5080", false)]
    [InlineData("http://rag.example:5080", false)]
    public void Only_loopback_addresses_count_as_loopback(string url, bool loopback)
    {
        Assert.Equal(loopback, BindAddresses.IsLoopback(url));
    }

    [Fact]
    public async Task Keys_made_beforehand_satisfy_the_check()
    {
        await ApiKeyFile.InDataDirectory(data).CreateAsync("admin", ApiKeyScope.Admin, [], DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["urls"] = "http://0.0.0.0:5080", ["Storage:DataDirectory"] = data })
            .Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ApiKeyRing>()
            .Configure<AuthOptions>(_ => { })
            .Configure<RagPlatform.Storage.Files.StorageOptions>(o => o.DataDirectory = data)
            .BuildServiceProvider();
        using var error = new StringWriter();

        Assert.True(await OpenBindCheck.TryCheckAsync(services, configuration, error, TestContext.Current.CancellationToken));
        Assert.Equal(string.Empty, error.ToString());
    }
}
