using RagPlatform.Api.Tests.Chat;
using RagPlatform.Cli;
using RagPlatform.LlmWire;
using Spectre.Console;

namespace RagPlatform.Api.Tests.Cli;

/// <summary>`rag ask` against the platform with a chat model: the real host and OpenAI client talking
/// to a server that speaks OpenAI's protocol on loopback, so the answer streams as a model writes it.</summary>
public sealed class ModelAnswerCliTests(ModelBackedPlatform.OpenAi platform) : IClassFixture<ModelBackedPlatform.OpenAi>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Ask_streams_the_models_words_then_flags_a_removed_citation_and_an_uncited_claim()
    {
        platform.Server.Enqueue(WireReply.Answer("The keepers logged fog ", "in November [1][9]. ", "The harbour plans a new pier next spring."));
        var output = new StringWriter();

        var exit = await RunAsync(output, TestContext.Current.CancellationToken, "ask", "When did the keepers log fog?");

        var text = output.ToString();
        Assert.Equal(0, exit);
        Assert.Contains("The keepers logged fog in November [1][9].", text, StringComparison.Ordinal);
        Assert.Contains("[1] harbour-report.pdf, page ", text, StringComparison.Ordinal);
        Assert.Contains("⚠ removed [9]", text, StringComparison.Ordinal);
        Assert.Contains("⚠ cites no source: The harbour plans a new pier next spring.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Note:", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_in_agentic_mode_shows_each_tool_call_on_its_own_line_before_the_answer()
    {
        platform.Server.Enqueue(WireReply.CallTools(new WireToolCall("call_1", "search_documents", """{"query":"sunset western pier"}""")));
        platform.Server.Enqueue(WireReply.Answer("The photo shows a sunset."));
        var output = new StringWriter();

        var exit = await RunAsync(output, TestContext.Current.CancellationToken, "ask", "What does the photo show?", "--mode", "agentic");

        var text = output.ToString();
        Assert.Equal(0, exit);
        var tool = text.IndexOf("· search_documents {\"query\":\"sunset western pier\"} → Sources:", StringComparison.Ordinal);
        Assert.InRange(tool, 0, text.IndexOf("The photo shows a sunset.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_model_that_keeps_failing_is_shown_in_red_with_exit_code_1()
    {
        platform.Server.Enqueue(WireReply.Failure(503), times: 2);
        var output = new StringWriter();

        var exit = await RunAsync(output, TestContext.Current.CancellationToken, "ask", "fog?");

        Assert.Equal(1, exit);
        Assert.Contains("language model did not answer", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ctrl_c_during_an_answer_ends_it_with_exit_code_130_and_the_server_cancels_the_model_call()
    {
        platform.Server.Enqueue(WireReply.Endless("The keepers "));
        using var ctrlC = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var output = new TripwireWriter("The keepers", ctrlC);

        var exit = await RunAsync(output, ctrlC.Token, "ask", "What did the keepers log?");

        Assert.Equal(130, exit);
        Assert.Contains("Cancelled.", output.ToString(), StringComparison.Ordinal);
        var aborted = await platform.Server.FirstAbort.WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.True(aborted.WasAborted);
    }

    private Task<int> RunAsync(StringWriter output, CancellationToken cancellationToken, params string[] args)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        console.Profile.Width = 300;
        return new RagCli(_ => platform.Factory.CreateClient(), console, new StringReader(string.Empty)).RunAsync(args, cancellationToken);
    }

    /// <summary>Presses Ctrl+C (cancels) as soon as <paramref name="trigger"/> has been printed, from
    /// another thread as the signal handler would.</summary>
    private sealed class TripwireWriter(string trigger, CancellationTokenSource ctrlC) : StringWriter
    {
        private bool tripped;

        public override void Write(char value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            Check();
        }

        public override void Write(char[] buffer, int index, int count)
        {
            base.Write(buffer, index, count);
            Check();
        }

        private void Check()
        {
            if (!tripped && ToString().Contains(trigger, StringComparison.Ordinal))
            {
                tripped = true;
                _ = Task.Run(ctrlC.CancelAsync);
            }
        }
    }
}
