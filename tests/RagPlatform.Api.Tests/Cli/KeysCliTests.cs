using System.Net;
using System.Text.RegularExpressions;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Cli;
using Spectre.Console;

namespace RagPlatform.Api.Tests.Cli;

/// <summary>`rag keys` against a data folder, and the running API that reads it.</summary>
public sealed partial class KeysCliTests : IAsyncLifetime
{
    private readonly PlatformFactory factory = new(withModel: false, workers: 0);
    private readonly StringWriter output = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    private async Task<(int Exit, string Output)> RunAsync(params string[] args)
    {
        output.GetStringBuilder().Clear();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        var exit = await new RagCli(_ => factory.CreateClient(), console).RunAsync(args, TestContext.Current.CancellationToken);
        return (exit, output.ToString());
    }

    [Fact]
    public async Task Create_prints_the_secret_once_and_list_never_shows_it()
    {
        var (created, createText) = await RunAsync("keys", "create", "--name", "laptop", "--scope", "write", "--data", factory.DataDirectory);
        var secret = Secret().Match(createText).Value;
        var (listed, listText) = await RunAsync("keys", "list", "--data", factory.DataDirectory);

        Assert.Equal(0, created);
        Assert.Equal(0, listed);
        Assert.NotEmpty(secret);
        Assert.Contains("laptop", listText, StringComparison.Ordinal);
        Assert.Contains("write", listText, StringComparison.Ordinal);
        Assert.Contains("active", listText, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, listText, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, await File.ReadAllTextAsync(Path.Combine(factory.DataDirectory, "keys.json"), TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_key_gets_401_from_the_running_api_without_a_restart()
    {
        var secret = Secret().Match((await RunAsync("keys", "create", "--name", "ci", "--scope", "read", "--data", factory.DataDirectory)).Output).Value;
        using var client = factory.CreateClient(secret);
        using (var before = await client.GetAsync("/api/documents", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var (revoked, _) = await RunAsync("keys", "revoke", "ci", "--data", factory.DataDirectory);

        Assert.Equal(0, revoked);
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOnceChangedAsync(client, HttpStatusCode.OK, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task The_cli_sends_its_api_key_and_says_how_when_it_lacks_one()
    {
        var secret = Secret().Match((await RunAsync("keys", "create", "--name", "me", "--scope", "read", "--data", factory.DataDirectory)).Output).Value;

        var (without, withoutText) = await RunAsync("status");
        var (with, _) = await RunAsync("status", "--api-key", secret);

        Assert.Equal(1, without);
        Assert.Contains("--api-key", withoutText, StringComparison.Ordinal);
        Assert.Equal(0, with);
    }

    [Fact]
    public async Task Revoking_an_unknown_key_fails_and_says_so()
    {
        var (exit, text) = await RunAsync("keys", "revoke", "nobody", "--data", factory.DataDirectory);

        Assert.Equal(1, exit);
        Assert.Contains("No active key", text, StringComparison.Ordinal);
    }

    /// <summary>Polls (the API looks at the key file at most once a second) until the answer changes.</summary>
    private static async Task<HttpStatusCode> StatusOnceChangedAsync(HttpClient client, HttpStatusCode from, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            using var response = await client.GetAsync("/api/documents", TestContext.Current.CancellationToken);
            if (response.StatusCode != from || DateTime.UtcNow > deadline)
            {
                return response.StatusCode;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    [GeneratedRegex(@"rag_[A-Za-z0-9_\-]{43}")]
    private static partial Regex Secret();
}
