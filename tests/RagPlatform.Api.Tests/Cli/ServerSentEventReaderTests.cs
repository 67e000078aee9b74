using System.Text;
using RagPlatform.Cli.Api;

namespace RagPlatform.Api.Tests.Cli;

/// <summary>The text/event-stream framing the answer stream arrives in, including the framings a
/// proxy or another server may produce.</summary>
public sealed class ServerSentEventReaderTests
{
    [Fact]
    public async Task Events_are_split_at_blank_lines_and_keep_their_type()
    {
        var events = await ReadAsync("event: conversation\ndata: {\"a\":1}\n\nevent: delta\ndata: {\"text\":\"x\"}\n\n");

        Assert.Equal([new("conversation", "{\"a\":1}"), new("delta", "{\"text\":\"x\"}")], events);
    }

    [Fact]
    public async Task Several_data_lines_are_joined_with_a_line_feed()
    {
        var events = await ReadAsync("event: answer\ndata: {\"text\":\ndata: \"two lines\"}\n\n");

        Assert.Equal("{\"text\":\n\"two lines\"}", Assert.Single(events).Data);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\r")]
    [InlineData("\n")]
    public async Task Lines_may_end_with_crlf_cr_or_lf(string newline)
    {
        var events = await ReadAsync($"event: delta{newline}data: one{newline}data: two{newline}{newline}event: done{newline}data: {{}}{newline}{newline}");

        Assert.Equal([new("delta", "one\ntwo"), new("done", "{}")], events);
    }

    [Fact]
    public async Task Comments_and_unknown_fields_are_ignored()
    {
        var events = await ReadAsync(": keep-alive\n\nid: 7\nretry: 1000\n: still here\nevent: delta\nfoo: bar\ndata: x\n\n");

        Assert.Equal([new("delta", "x")], events);
    }

    [Fact]
    public async Task Only_one_space_after_the_colon_is_dropped_and_none_is_required()
    {
        var events = await ReadAsync("event:delta\ndata:  indented\n\n");

        Assert.Equal(" indented", Assert.Single(events).Data);
        Assert.Equal("delta", events[0].Type);
    }

    [Fact]
    public async Task An_event_without_a_type_is_a_message_and_one_without_data_is_not_dispatched()
    {
        var events = await ReadAsync("event: tool\n\ndata: plain\n\ndata\n\n");

        Assert.Equal([new("message", "plain"), new("message", string.Empty)], events);
    }

    [Fact]
    public async Task The_last_event_is_delivered_even_without_its_blank_line()
    {
        var events = await ReadAsync("event: answer\ndata: {}\n\nevent: done\ndata: {}");

        Assert.Equal("done", events[^1].Type);
    }

    [Fact]
    public async Task A_stream_delivered_one_byte_at_a_time_with_a_byte_order_mark_reads_the_same()
    {
        var text = "event: delta\r\ndata: {\"text\":\"Größe [1]\"}\r\n\r\n: ping\r\n\r\nevent: done\r\ndata: {}\r\n\r\n";
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();

        var events = await ReadAsync(new TrickleStream(bytes));

        Assert.Equal([new("delta", "{\"text\":\"Größe [1]\"}"), new("done", "{}")], events);
    }

    [Fact]
    public async Task Reading_stops_when_cancelled()
    {
        using var cancellation = new CancellationTokenSource();
        var stream = new MemoryStream(Encoding.UTF8.GetBytes("data: 1\n\ndata: 2\n\n"));
        var read = new List<ServerSentEvent>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var sse in ServerSentEventReader.ReadAsync(stream, cancellation.Token))
            {
                read.Add(sse);
                await cancellation.CancelAsync();
            }
        });

        Assert.Single(read);
    }

    private static Task<List<ServerSentEvent>> ReadAsync(string text) =>
        ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    private static async Task<List<ServerSentEvent>> ReadAsync(Stream stream)
    {
        var events = new List<ServerSentEvent>();
        await foreach (var sse in ServerSentEventReader.ReadAsync(stream, TestContext.Current.CancellationToken))
        {
            events.Add(sse);
        }

        return events;
    }

    /// <summary>Hands out one byte per read, as a slow network might: every line and every UTF-8
    /// sequence arrives split.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, 1), cancellationToken);
    }
}
