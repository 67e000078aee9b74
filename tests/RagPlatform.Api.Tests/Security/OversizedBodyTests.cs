using System.Net;
using System.Text;
using System.Text.Json;
using RagPlatform.Api.Tests.Support;

namespace RagPlatform.Api.Tests.Security;

/// <summary>Bodies larger than the limits, against the real server (Kestrel enforces the request
/// limits; the in-memory test server does not): a chunked upload is refused with 413 while it is
/// still being sent, its temp files are removed and nothing is stored; JSON bodies for search and
/// chat larger than theirs get 413 too.</summary>
public sealed class OversizedBodyTests : IAsyncLifetime
{
    private const long MaxFileBytes = 2L << 20;
    private const long MaxRequestBytes = 6L << 20;
    private const string Boundary = "hostile-boundary";

    private ApiProcess host = null!;

    public async ValueTask InitializeAsync() => host = await ApiProcess.StartAsync(new Dictionary<string, string>
    {
        ["Uploads:MaxFileBytes"] = $"{MaxFileBytes}",
        ["Uploads:MaxRequestBytes"] = $"{MaxRequestBytes}",
        ["Ingestion:Workers"] = "0",
    });

    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task A_chunked_upload_of_one_file_past_the_file_limit_gets_413_before_its_body_ends_and_leaves_nothing()
    {
        // One file part that never ends: its first megabytes pass the per-file limit.
        var (status, _, body, sent) = await HeldRequest.SendAsync(host.Address, "/api/documents", $"multipart/form-data; boundary={Boundary}",
            offset => offset == 0 ? PartHead("endless.pdf", "%PDF-1.7\n") : Filler(), MaxFileBytes + (1L << 20), TimeSpan.FromMinutes(1));

        await AssertRefusedAsync(status, body, sent);
    }

    [Fact]
    public async Task A_chunked_upload_of_many_small_files_past_the_request_limit_gets_413_before_its_body_ends_and_leaves_nothing()
    {
        // Files of 1 MiB each, every one within the file limit, together past the request limit.
        var parts = 0;
        var (status, _, body, sent) = await HeldRequest.SendAsync(host.Address, "/api/documents", $"multipart/form-data; boundary={Boundary}",
            _ => [.. parts == 0 ? [] : "\r\n"u8.ToArray(), .. PartHead($"part-{parts++}.txt", ""), .. Enumerable.Repeat((byte)'x', 1 << 20)],
            MaxRequestBytes + (1L << 20), TimeSpan.FromMinutes(1));

        await AssertRefusedAsync(status, body, sent);
    }

    [Fact]
    public async Task A_search_body_declared_larger_than_its_limit_gets_413_before_any_of_it_is_sent()
    {
        var (status, _, body, sent) = await HeldRequest.SendAsync(host.Address, "/api/search", "application/json",
            _ => [], sendBytes: 0, TimeSpan.FromMinutes(1), declaredLength: 40L << 20);

        AssertProblem(status, body);
        Assert.Equal(0, sent);
    }

    [Fact]
    public async Task A_chunked_search_body_larger_than_its_limit_gets_413_before_it_ends()
    {
        var (status, _, body, _) = await HeldRequest.SendAsync(host.Address, "/api/search", "application/json",
            offset => offset == 0 ? "{\"query\":\"tide\",\"image\":\""u8.ToArray() : Enumerable.Repeat((byte)'A', 64 * 1024).ToArray(), 40L << 20, TimeSpan.FromMinutes(1));

        AssertProblem(status, body);
    }

    [Fact]
    public async Task A_chat_body_declared_larger_than_its_limit_gets_413_before_any_of_it_is_sent()
    {
        var (status, _, body, sent) = await HeldRequest.SendAsync(host.Address, "/api/chat?stream=false", "application/json",
            _ => [], sendBytes: 0, TimeSpan.FromMinutes(1), declaredLength: 4L << 20);

        AssertProblem(status, body);
        Assert.Equal(0, sent);
    }

    [Fact]
    public async Task A_chunked_chat_body_larger_than_its_limit_gets_413_before_it_ends()
    {
        var (status, _, body, _) = await HeldRequest.SendAsync(host.Address, "/api/chat?stream=false", "application/json",
            offset => offset == 0 ? "{\"question\":\""u8.ToArray() : Enumerable.Repeat((byte)'q', 64 * 1024).ToArray(), 4L << 20, TimeSpan.FromMinutes(1));

        AssertProblem(status, body);
    }

    [Fact]
    public async Task A_chat_body_within_its_limit_is_still_answered()
    {
        using var response = await host.Http.PostAsync("/api/chat?stream=false", new StringContent("{\"question\":\"When is high tide?\"}", Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task AssertRefusedAsync(int status, string body, long sent)
    {
        AssertProblem(status, body);
        Assert.True(sent > 0, "Nothing of the body had been sent.");

        var documents = await host.Http.GetStringAsync("/api/documents", TestContext.Current.CancellationToken);
        Assert.Contains("\"documents\":[]", documents, StringComparison.Ordinal);
        var blobs = Path.Combine(host.DataDirectory, "blobs", "documents");
        Assert.Empty(Directory.Exists(blobs) ? Directory.GetFileSystemEntries(blobs) : []);
        // The form reader's temp files go once the request has ended (at most 30 s: a loaded machine).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (Directory.GetFiles(host.TempDirectory, "*", SearchOption.AllDirectories).Where(IsNotRuntimeFile).ToList() is { Count: > 0 } left)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Temp files left: {string.Join(", ", left.Select(Path.GetFileName))}");
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static void AssertProblem(int status, string body)
    {
        Assert.Equal(413, status);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(413, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), body);
    }

    /// <summary>The runtime's diagnostic pipes (clr-debug-pipe-*, dotnet-diagnostic-*) live there too.</summary>
    private static bool IsNotRuntimeFile(string path) =>
        !Path.GetFileName(path).StartsWith("clr-debug-pipe-", StringComparison.Ordinal) && !Path.GetFileName(path).StartsWith("dotnet-diagnostic-", StringComparison.Ordinal);

    private static byte[] PartHead(string fileName, string start) => Encoding.ASCII.GetBytes(
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{fileName}\"\r\nContent-Type: application/octet-stream\r\n\r\n{start}");

    private static byte[] Filler() => Enumerable.Repeat((byte)'x', 64 * 1024).ToArray();
}
