using System.Text.Json;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Cli;
using Spectre.Console;

namespace RagPlatform.Api.Tests.Cli;

/// <summary>`rag ask`, `rag chat` and `rag conversations` against the real API host, which answers
/// extractively (no language model is configured in the tests).</summary>
public sealed class AnswerCliTests : IAsyncLifetime
{
    private const string Fees = "Mooring fees at the marina rise to forty euros a night in April.";
    private const string Question = "How much are the mooring fees at the marina?";

    private readonly List<PlatformFactory> factories = [];
    private readonly string folder = Path.Combine(Path.GetTempPath(), "rag-answer-cli-tests", Guid.NewGuid().ToString("N"));
    private readonly StringWriter output = new();
    private PlatformFactory factory = null!;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        factory = Platform();
        var path = Path.Combine(folder, "marina.pdf");
        await File.WriteAllBytesAsync(path, SamplePdfs.WithText(Fees), TestContext.Current.CancellationToken);
        Assert.Equal(0, await RunAsync("ingest", path));
        output.GetStringBuilder().Clear();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var platform in factories)
        {
            await platform.DisposeAsync();
        }

        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Ask_prints_the_extractive_answer_its_citations_and_the_notice_once()
    {
        var exit = await RunAsync("ask", Question);

        var text = output.ToString();
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        Assert.Equal(0, exit);
        Assert.Contains("forty euros a night", text, StringComparison.Ordinal);
        Assert.Contains("[1] marina.pdf, page 1", text, StringComparison.Ordinal);
        Assert.Equal(1, Occurrences(text, "Note: "));
    }

    [Fact]
    public async Task Ask_with_json_prints_the_final_answer()
    {
        var exit = await RunAsync("ask", Question, "--json");

        using var answer = JsonDocument.Parse(output.ToString());
        Assert.Equal(0, exit);
        Assert.Equal("extractive", answer.RootElement.GetProperty("mode").GetString());
        Assert.False(answer.RootElement.GetProperty("notFound").GetBoolean());
        Assert.Equal("marina.pdf", answer.RootElement.GetProperty("citations")[0].GetProperty("documentName").GetString());
    }

    [Fact]
    public async Task Chat_keeps_one_conversation_across_turns_which_conversations_shows_and_deletes()
    {
        var exit = await RunAsync(new StringReader($"{Question}\n\nAnd in which month do they rise?\n/exit\nnever asked\n"), "chat");

        Assert.Equal(0, exit);
        Assert.Equal(2, Occurrences(output.ToString(), "marina.pdf, page 1"));
        Assert.DoesNotContain("never asked", output.ToString(), StringComparison.Ordinal);
        output.GetStringBuilder().Clear();

        Assert.Equal(0, await RunAsync("conversations", "list"));
        var id = output.ToString().Split([' ', '│', '|', '\n'], StringSplitOptions.RemoveEmptyEntries).Single(word => Guid.TryParse(word, out _));
        output.GetStringBuilder().Clear();

        Assert.Equal(0, await RunAsync("conversations", "show", id));
        Assert.Contains($"> {Question}", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("> And in which month do they rise?", output.ToString(), StringComparison.Ordinal);

        Assert.Equal(0, await RunAsync("conversations", "delete", id));
        Assert.Equal(1, await RunAsync("conversations", "show", id));
        Assert.Contains($"No conversation {id}", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chat_ends_at_the_end_of_its_input()
    {
        var exit = await RunAsync(new StringReader(string.Empty), "chat");

        Assert.Equal(0, exit);
        Assert.DoesNotContain("Conversation ", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_question_the_server_refuses_is_shown_in_red_with_the_usage_exit_code()
    {
        factory = Platform(new Dictionary<string, string> { ["Search:MaxQueryLength"] = "20" });

        var exit = await RunAsync("ask", Question);

        Assert.Equal(2, exit);
        Assert.DoesNotContain("Sources", output.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ask")]
    [InlineData("ask", " ")]
    [InlineData("ask", "fees?", "--mode", "creative")]
    [InlineData("ask", "fees?", "--document", "not-a-guid")]
    [InlineData("conversations", "show", "not-a-guid")]
    public async Task Bad_usage_exits_with_code_2(params string[] args)
    {
        Assert.Equal(2, await RunAsync(args));
    }

    [Fact]
    public async Task Deleting_an_unknown_conversation_exits_with_failure()
    {
        var exit = await RunAsync("conversations", "delete", Guid.NewGuid().ToString());

        Assert.Equal(1, exit);
        Assert.Contains("No conversation", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_question_says_so_and_exits_with_code_130()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var exit = await RunAsync(new StringReader(string.Empty), cancelled.Token, "ask", Question);

        Assert.Equal(130, exit);
        Assert.Contains("Cancelled.", output.ToString(), StringComparison.Ordinal);
    }

    private PlatformFactory Platform(IReadOnlyDictionary<string, string>? settings = null)
    {
        var platform = new PlatformFactory(withModel: false, settings: settings);
        factories.Add(platform);
        return platform;
    }

    private Task<int> RunAsync(params string[] args) => RunAsync(new StringReader(string.Empty), args);

    private Task<int> RunAsync(TextReader input, params string[] args) => RunAsync(input, TestContext.Current.CancellationToken, args);

    private Task<int> RunAsync(TextReader input, CancellationToken cancellationToken, params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 200;
        return new RagCli(_ => factory.CreateClient(), console, input).RunAsync(args, cancellationToken);
    }

    private static int Occurrences(string text, string part) =>
        (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;
}
