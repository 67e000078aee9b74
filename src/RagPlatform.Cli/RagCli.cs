using System.CommandLine;
using RagPlatform.Cli.Api;
using RagPlatform.Cli.Commands;
using RagPlatform.Cli.Eval;
using RagPlatform.Core.Documents;
using Spectre.Console;

namespace RagPlatform.Cli;

/// <summary>The `rag` command line: a client of the RagPlatform HTTP API, so that one server process
/// owns the data and the CLI works the same against a laptop or a cluster.</summary>
internal sealed class RagCli
{
    public const string DefaultServer = "http://localhost:5080";

    private readonly Func<Uri, HttpClient> httpClientFactory;
    private readonly IAnsiConsole console;
    private readonly TextReader input;
    private Uri server = new(DefaultServer);
    private string? apiKey;
    private string? collection;

    /// <param name="httpClientFactory">Makes the HTTP client for a server address (tests pass one
    /// that talks to an in-memory server).</param>
    /// <param name="input">Where `rag chat` reads questions; the console's input by default.</param>
    public RagCli(Func<Uri, HttpClient> httpClientFactory, IAnsiConsole console, TextReader? input = null)
    {
        this.httpClientFactory = httpClientFactory;
        this.console = console;
        this.input = input ?? Console.In;
    }

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var serverOption = new Option<string>("--server")
        {
            Description = $"Address of the RagPlatform API (default: $RAG_SERVER or {DefaultServer})",
            Recursive = true,
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RAG_SERVER") is { Length: > 0 } env ? env : DefaultServer,
        };

        var apiKeyOption = new Option<string?>("--api-key")
        {
            Description = "API key sent with every request (default: $RAG_API_KEY); needed once the server has keys",
            Recursive = true,
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RAG_API_KEY") is { Length: > 0 } env ? env : null,
        };

        var collectionOption = new Option<string?>("--collection", "-c")
        {
            Description = $"The collection to work in (default: $RAG_COLLECTION or '{CollectionName.Default}'; for eval: 'eval')",
            Recursive = true,
            DefaultValueFactory = _ => Environment.GetEnvironmentVariable("RAG_COLLECTION") is { Length: > 0 } env ? env : null,
        };

        RagApiClient ClientIn(string name)
        {
            var http = httpClientFactory(server);
            if (apiKey is { Length: > 0 })
            {
                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", apiKey);
            }

            return new RagApiClient(http, name);
        }

        RagApiClient Client() => ClientIn(collection ?? CollectionName.Default);

        // The eval's dataset goes into a collection of its own, never among the user's documents.
        RagApiClient EvalClient() => ClientIn(collection ?? EvalCommand.DefaultCollection);

        var documents = new DocumentsCommands(Client, console);
        var root = new RootCommand("RagPlatform: multimodal search over your PDFs and images")
        {
            serverOption,
            apiKeyOption,
            collectionOption,
            new KeysCommands(console, TimeProvider.System).Build(),
            new IngestCommand(Client, console).Build(),
            new SearchCommand(Client, console).Build(),
            new StatusCommand(Client, console).Build(),
            documents.BuildList(),
            documents.BuildDelete(),
            documents.BuildReindex(),
            new EvalCommand(EvalClient, console).Build(),
            new AskCommand(Client, console).Build(),
            new ChatCommand(Client, console, input).Build(),
            new ConversationsCommands(Client, console).Build(),
            new CollectionsCommands(Client, console).Build(),
        };

        var parse = root.Parse(args);
        if (!Uri.TryCreate(parse.GetValue(serverOption), UriKind.Absolute, out var address))
        {
            console.MarkupLine("[red]--server must be an absolute URL such as http://localhost:5080[/]");
            return ExitCodes.UsageError;
        }

        server = address;
        apiKey = parse.GetValue(apiKeyOption);
        collection = parse.GetValue(collectionOption);
        if (collection is not null && !CollectionName.IsValid(collection))
        {
            console.MarkupLineInterpolated($"[red]'{collection}' is not a valid collection name (--collection or RAG_COLLECTION): use {CollectionName.Rule}.[/]");
            return ExitCodes.UsageError;
        }

        try
        {
            // Our own handler below maps failures to exit codes; the default one would turn every
            // exception into exit code 1.
            var exit = await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellationToken);

            // System.CommandLine prints parse errors (an unknown option, a --mode it does not accept)
            // and returns 1; they are usage errors.
            return parse.Errors.Count > 0 ? ExitCodes.UsageError : exit;
        }
        catch (RagApiException ex)
        {
            console.MarkupLineInterpolated($"[red]{ex.Message}[/]");
            if (ex.StatusCode == 401)
            {
                console.MarkupLine("Pass the key with --api-key or the RAG_API_KEY environment variable.");
            }

            return ex.StatusCode == 0 ? ExitCodes.Unreachable : ExitCodes.Failure;
        }
    }
}
