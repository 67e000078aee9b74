using System.Net;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Polly.Timeout;
using RagPlatform.Infrastructure.Llm;
using RagPlatform.LlmWire;

namespace RagPlatform.Infrastructure.Tests.Llm;

/// <summary>
/// The chat model behaviour every provider must show, run with the real client library that
/// <see cref="ChatModelServiceCollectionExtensions.AddChatModel"/> registers against a loopback
/// server speaking its wire protocol. Timing is driven by short timeouts in the options and by
/// waiting on what the server observed, never by sleeping.
/// </summary>
public abstract class ChatModelScenarios
{
    /// <summary>Bound on waits for something that should happen at once (generous: a loaded machine).</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    protected abstract ChatProvider Provider { get; }

    protected abstract Task<ChatWireServer> StartServerAsync(CancellationToken cancellationToken);

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_text_reply_streams_in_pieces()
    {
        await using var server = await StartServerAsync(Token);
        server.Enqueue(WireReply.Answer("The chart ", "shows ", "steady ", "growth."));
        using var services = ChatModelHost.Build(Provider, server.Endpoint);

        List<ChatResponseUpdate> updates = [];
        await foreach (var update in Client(services).GetStreamingResponseAsync("What does the chart show?", cancellationToken: Token))
        {
            updates.Add(update);
        }

        Assert.Equal(["The chart ", "shows ", "steady ", "growth."], updates.Select(static u => u.Text).Where(static t => t.Length > 0));
        Assert.Equal(4L, updates.ToChatResponse().Usage?.OutputTokenCount);
        var request = Assert.Single(server.Requests);
        Assert.True(request.Stream);
        Assert.Equal(ChatModelHost.Model, request.Model);
        Assert.Equal("What does the chart show?", request.Messages[^1].Text);
    }

    [Fact]
    public async Task A_reply_not_streamed_arrives_whole_with_its_usage()
    {
        await using var server = await StartServerAsync(Token);
        server.Enqueue(WireReply.Answer("Revenue ", "doubled.") with { InputTokens = 120, OutputTokens = 7 });
        using var services = ChatModelHost.Build(Provider, server.Endpoint);

        var response = await Client(services).GetResponseAsync("How did revenue change?", cancellationToken: Token);

        Assert.Equal("Revenue doubled.", response.Text);
        Assert.Equal((120L, 7L), (response.Usage?.InputTokenCount, response.Usage?.OutputTokenCount));
        Assert.False(Assert.Single(server.Requests).Stream);
    }

    [Fact]
    public async Task An_image_arrives_as_an_image_part_with_exactly_its_bytes_and_media_type()
    {
        await using var server = await StartServerAsync(Token);
        using var services = ChatModelHost.Build(Provider, server.Endpoint);
        ChatMessage question = new(ChatRole.User, [new TextContent("What does this figure show?"), new DataContent(TestPng.Bytes, "image/png")]);

        await Client(services).GetResponseAsync([question], cancellationToken: Token);

        var sent = Assert.Single(server.Requests).Messages[^1];
        var image = Assert.Single(sent.Images);
        Assert.Equal("image/png", image.MediaType);
        Assert.Equal(TestPng.Bytes, image.Bytes);
        Assert.Equal("What does this figure show?", sent.Text);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_tool_call_goes_to_the_function_and_its_result_back_to_the_model(bool streamed)
    {
        await using var server = await StartServerAsync(Token);
        server.Enqueue(WireReply.CallTools(new WireToolCall("call_1", "get_weather", """{"city":"Oslo"}""")));
        server.Enqueue(WireReply.Answer("It is ", "sunny in Oslo."));
        using var services = ChatModelHost.Build(Provider, server.Endpoint);
        using var agent = new ChatClientBuilder(Client(services)).UseFunctionInvocation().Build();
        List<string> cities = [];
        var weather = AIFunctionFactory.Create((string city) => { cities.Add(city); return $"sunny in {city}"; }, "get_weather", "Today's weather in a city.");
        ChatOptions options = new() { Tools = [weather] };

        var text = streamed
            ? (await agent.GetStreamingResponseAsync("Weather in Oslo?", options, Token).ToChatResponseAsync(Token)).Text
            : (await agent.GetResponseAsync("Weather in Oslo?", options, Token)).Text;

        Assert.Equal("It is sunny in Oslo.", text);
        Assert.Equal(["Oslo"], cities);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(["get_weather"], server.Requests[0].ToolNames);
        var second = server.Requests[1];
        var asked = Assert.Single(second.Messages, static m => m.ToolCalls.Count > 0);
        Assert.Equal(("assistant", "get_weather"), (asked.Role, asked.ToolCalls[0].Name));
        Assert.Contains("Oslo", asked.ToolCalls[0].ArgumentsJson, StringComparison.Ordinal);
        Assert.Contains("sunny in Oslo", Assert.Single(second.ToolResults).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Too_many_requests_is_retried_after_the_servers_retry_after_and_then_succeeds()
    {
        await using var server = await StartServerAsync(Token);
        server.Enqueue(WireReply.Failure(429, retryAfter: TimeSpan.Zero));
        server.Enqueue(WireReply.Answer("Fine."));
        // A backoff of ten minutes: only the server's Retry-After: 0 lets the retry come at once.
        using var services = ChatModelHost.Build(Provider, server.Endpoint, new() { ["Chat:RetryDelay"] = "00:10:00" });

        var response = await Client(services).GetResponseAsync("Hello?", cancellationToken: Token);

        Assert.Equal("Fine.", response.Text);
        Assert.Equal(2, server.Requests.Count);
    }

    [Theory]
    [InlineData(500, false)]
    [InlineData(503, true)]
    public async Task Server_errors_end_in_an_http_request_exception_after_max_retries_plus_one_attempts(int status, bool streamed)
    {
        await using var server = await StartServerAsync(Token);
        server.DefaultReply = WireReply.Failure(status);
        using var services = ChatModelHost.Build(Provider, server.Endpoint, new() { ["Chat:MaxRetries"] = "2" });
        var client = Client(services);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => streamed
            ? client.GetStreamingResponseAsync("Hello?", cancellationToken: Token).ToChatResponseAsync(Token)
            : client.GetResponseAsync("Hello?", cancellationToken: Token));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task An_attempt_that_times_out_is_abandoned_and_retried()
    {
        await using var server = await StartServerAsync(Token);
        server.Enqueue(WireReply.Silence());
        server.DefaultReply = WireReply.Answer("Late but here.");
        using var services = ChatModelHost.Build(Provider, server.Endpoint, new() { ["Chat:AttemptTimeout"] = "00:00:01" });

        var response = await Client(services).GetResponseAsync("Hello?", cancellationToken: Token);

        Assert.Equal("Late but here.", response.Text);
        Assert.Same(server.Requests[0], await server.FirstAbort.WaitAsync(Bound, Token));
        Assert.True(server.Requests.Count >= 2);
    }

    [Fact]
    public async Task Attempts_that_all_time_out_end_in_an_http_request_exception()
    {
        await using var server = await StartServerAsync(Token);
        server.DefaultReply = WireReply.Silence();
        var attempts = new AttemptCounter();
        using var services = ChatModelHost.Build(Provider, server.Endpoint, new() { ["Chat:AttemptTimeout"] = "00:00:00.200", ["Chat:MaxRetries"] = "1" }, attempts);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Client(services).GetResponseAsync("Hello?", cancellationToken: Token));

        Assert.Null(error.StatusCode);
        Assert.Equal(TimeSpan.FromMilliseconds(200), Assert.IsType<TimeoutRejectedException>(error.InnerException).Timeout);
        Assert.Equal(2, attempts.Count); // the first try and one retry; the server may not have seen both in 200 ms
        Assert.InRange(server.Requests.Count, 0, 2);
    }

    [Fact]
    public async Task The_total_timeout_bounds_all_attempts_together()
    {
        await using var server = await StartServerAsync(Token);
        server.DefaultReply = WireReply.Silence();
        var attempts = new AttemptCounter();
        using var services = ChatModelHost.Build(Provider, server.Endpoint, new()
        {
            ["Chat:AttemptTimeout"] = "00:00:00.300",
            ["Chat:TotalTimeout"] = "00:00:01",
            ["Chat:MaxRetries"] = "20",
        }, attempts);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => Client(services).GetResponseAsync("Hello?", cancellationToken: Token));

        Assert.Equal(TimeSpan.FromSeconds(1), Assert.IsType<TimeoutRejectedException>(error.InnerException).Timeout);
        Assert.InRange(attempts.Count, 1, 20); // far fewer than the 21 allowed: the total timeout ended them
    }

    [Fact]
    public async Task A_stream_longer_than_the_attempt_timeout_is_not_cut_while_it_keeps_coming()
    {
        await using var server = await StartServerAsync(Token);
        server.Enqueue(WireReply.Answer("one ", "two ", "three ", "four ", "five") with { DelayBetweenChunks = TimeSpan.FromMilliseconds(700) });
        using var services = ChatModelHost.Build(Provider, server.Endpoint, new() { ["Chat:AttemptTimeout"] = "00:00:02" });

        var response = await Client(services).GetStreamingResponseAsync("Count to five.", cancellationToken: Token).ToChatResponseAsync(Token);

        Assert.Equal("one two three four five", response.Text);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_stream_that_stalls_for_an_attempt_timeout_ends_in_an_http_request_exception()
    {
        await using var server = await StartServerAsync(Token);
        server.Enqueue(WireReply.Endless("Once upon "));
        using var services = ChatModelHost.Build(Provider, server.Endpoint, new() { ["Chat:AttemptTimeout"] = "00:00:01" });

        await Assert.ThrowsAsync<HttpRequestException>(() => Client(services).GetStreamingResponseAsync("Tell a story.", cancellationToken: Token).ToChatResponseAsync(Token));

        await server.FirstAbort.WaitAsync(Bound, Token);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Cancelling_the_callers_token_between_pieces_ends_the_stream_with_a_cancellation()
    {
        await using var server = await StartServerAsync(Token);
        server.Enqueue(WireReply.Endless("Once upon "));
        using var services = ChatModelHost.Build(Provider, server.Endpoint);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var update in Client(services).GetStreamingResponseAsync("Tell a story.", cancellationToken: caller.Token))
            {
                if (update.Text.Length > 0)
                {
                    await caller.CancelAsync();
                }
            }
        });

        Assert.Same(server.Requests[0], await server.FirstAbort.WaitAsync(Bound, Token));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Cancelling_the_callers_token_while_waiting_for_the_next_piece_aborts_the_model_call()
    {
        await using var server = await StartServerAsync(Token);
        server.Enqueue(WireReply.Endless("Once upon "));
        using var services = ChatModelHost.Build(Provider, server.Endpoint);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Token);
        var updates = Client(services).GetStreamingResponseAsync("Tell a story.", cancellationToken: caller.Token).GetAsyncEnumerator(caller.Token);
        await using var _ = updates;
        while (await updates.MoveNextAsync() && updates.Current.Text.Length == 0)
        {
        }

        // The server sends nothing more: this waits on the network until the caller gives up.
        var next = updates.MoveNextAsync().AsTask();
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Bound, Token));
        Assert.Same(server.Requests[0], await server.FirstAbort.WaitAsync(Bound, Token));
    }

    [Fact]
    public async Task Cancelling_the_callers_token_before_the_answer_starts_aborts_the_model_call()
    {
        await using var server = await StartServerAsync(Token);
        server.Enqueue(WireReply.Silence());
        using var services = ChatModelHost.Build(Provider, server.Endpoint);
        using var caller = CancellationTokenSource.CreateLinkedTokenSource(Token);

        var call = Client(services).GetResponseAsync("Hello?", cancellationToken: caller.Token);
        await server.WaitForRequestAsync(1, Token).WaitAsync(Bound, Token);
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Same(server.Requests[0], await server.FirstAbort.WaitAsync(Bound, Token));
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task The_model_id_is_exposed_through_the_client_metadata()
    {
        await using var server = await StartServerAsync(Token);
        using var services = ChatModelHost.Build(Provider, server.Endpoint);

        var metadata = Client(services).GetService<ChatClientMetadata>();

        Assert.Equal(ChatModelHost.Model, metadata?.DefaultModelId);
    }

    private static IChatClient Client(ServiceProvider services) => services.GetRequiredService<IChatClient>();
}
