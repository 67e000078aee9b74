using RagPlatform.Api.Tests.Support;
using RagPlatform.Cli;
using RagPlatform.Cli.Commands;
using Spectre.Console;

namespace RagPlatform.Api.Tests.Cli;

/// <summary>`rag --collection` / `-c` and `rag collections list|delete` against the real API host.</summary>
public sealed class CollectionCliTests : IAsyncLifetime
{
    private readonly PlatformFactory factory = new(withModel: false);
    private readonly string folder = Path.Combine(Path.GetTempPath(), "rag-cli-tests", Guid.NewGuid().ToString("N"));
    private readonly StringWriter output = new();

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Commands_work_in_the_collection_named_and_a_collection_can_be_listed_and_deleted()
    {
        var path = Path.Combine(folder, "marina.pdf");
        await File.WriteAllBytesAsync(path, SamplePdfs.WithText("Mooring fees for the marina."), TestContext.Current.CancellationToken);
        Assert.Equal(0, await RunAsync("--collection", "harbour", "ingest", path));

        Assert.Equal(0, await RunAsync("search", "mooring", "-c", "harbour"));
        Assert.Contains("marina.pdf", Take(), StringComparison.Ordinal);
        Assert.Equal(0, await RunAsync("search", "mooring"));
        Assert.Contains("No hits.", Take(), StringComparison.Ordinal);
        Assert.Equal(0, await RunAsync("-c", "harbour", "list"));
        Assert.Contains("marina.pdf", Take(), StringComparison.Ordinal);
        Assert.Equal(0, await RunAsync("list"));
        Assert.DoesNotContain("marina.pdf", Take(), StringComparison.Ordinal);

        Assert.Equal(0, await RunAsync("collections", "list"));
        Assert.Matches(@"harbour\s*│\s*1", Take());
        Assert.Equal(ExitCodes.UsageError, await RunAsync("collections", "delete", "default"));
        Assert.Contains("--force", Take(), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.UsageError, await RunAsync("-c", "Harbour", "list"));
        Assert.Contains("not a valid collection name", Take(), StringComparison.Ordinal);

        Assert.Equal(0, await RunAsync("collections", "delete", "harbour"));
        Assert.Contains("1 documents", Take(), StringComparison.Ordinal);
        Assert.Equal(0, await RunAsync("-c", "harbour", "list"));
        Assert.DoesNotContain("marina.pdf", Take(), StringComparison.Ordinal);
        Assert.Empty(await DataFolderOrphans.FindAsync(factory.DataDirectory));
    }

    private string Take()
    {
        var text = output.ToString();
        output.GetStringBuilder().Clear();
        return text;
    }

    private Task<int> RunAsync(params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        return new RagCli(_ => factory.CreateClient(), console).RunAsync(args, TestContext.Current.CancellationToken);
    }
}
