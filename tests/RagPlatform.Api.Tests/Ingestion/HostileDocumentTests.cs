using System.Net;
using RagPlatform.Api.Documents;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Tests.Ingestion;

/// <summary>The hostile corpus through the real API host with extraction isolated (the default):
/// whatever a file does to the parsers, the host answers, every document ends ready or failed with
/// a reason, and a normal document queued after them all is indexed.</summary>
public sealed class HostileDocumentTests
{
    private const int MaxAttempts = 2;

    // The form-XObject bomb is the time-limit test's: here it would hold a worker until the limit.
    private static readonly string[] Corpus =
    [
        "xref-stream-absurd-w.pdf", "xref-stream-prev-self.pdf", "xref-stream-prev-past-eof.pdf", "xref-table-prev-self.pdf",
        "deep-arrays.pdf", "deep-dictionaries.pdf", "deep-content-arrays.pdf", "deep-page-tree.pdf", "cyclic-page-tree.pdf",
        "deep-outlines.pdf", "inflation-bomb.pdf",
    ];

    [Fact]
    public async Task Hostile_files_end_ready_or_failed_with_a_reason_while_the_api_answers_and_the_next_document_is_indexed()
    {
        await using var factory = new PlatformFactory(withModel: false, settings: new Dictionary<string, string>
        {
            ["Ingestion:MaxAttempts"] = $"{MaxAttempts}",
            ["Extraction:MaxMemoryMegabytes"] = "512",
        });
        var client = new PlatformClient(factory.CreateClient());
        var uploaded = new Dictionary<string, Guid>();
        foreach (var name in Corpus)
        {
            var bytes = await File.ReadAllBytesAsync(RepositoryPaths.Hostile(name), TestContext.Current.CancellationToken);
            uploaded[name] = (await client.UploadAsync(bytes, name)).Document.Id;
        }

        var next = (await client.UploadAsync(SamplePdfs.WithText("The harbour master signed the register."), "next.pdf")).Document.Id;

        var finished = await WaitWhileAnsweringAsync(client, [.. uploaded.Values, next]);

        Assert.Equal(
            $"Ingestion failed after {MaxAttempts} attempts: the extractor process crashed (stack overflow) while opening the file",
            Failed(finished[uploaded["xref-stream-absurd-w.pdf"]]));
        Assert.Equal(
            $"Ingestion failed after {MaxAttempts} attempts: the extractor process ran out of memory (limit 512 MiB, Extraction:MaxMemoryMegabytes) while reading page 1",
            Failed(finished[uploaded["inflation-bomb.pdf"]]));
        Assert.All(uploaded.Values, id => Assert.True(
            finished[id].Status == DocumentStatus.Ready || !string.IsNullOrWhiteSpace(finished[id].Error),
            $"{finished[id].FileName} failed without a reason."));
        Assert.Equal(DocumentStatus.Ready, finished[next].Status);
        Assert.Contains((await client.SearchTextAsync("harbour master")).Hits, hit => hit.DocumentId == next);
    }

    /// <summary>Polls the documents and the health endpoint until every document is finished; every
    /// poll is a request that must succeed (at most 5 minutes: a bound for a loaded machine).</summary>
    private static async Task<Dictionary<Guid, DocumentDto>> WaitWhileAnsweringAsync(PlatformClient client, IReadOnlyList<Guid> ids)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            using var health = await client.Http.GetAsync("/health", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);

            var documents = new Dictionary<Guid, DocumentDto>();
            foreach (var id in ids)
            {
                documents[id] = (await client.GetAsync(id)).Document;
            }

            if (documents.Values.All(d => d.Status is DocumentStatus.Ready or DocumentStatus.Failed))
            {
                return documents;
            }

            Assert.True(DateTime.UtcNow < deadline, "Documents still unfinished after 5 minutes: " +
                string.Join(", ", documents.Values.Where(d => d.Status is not (DocumentStatus.Ready or DocumentStatus.Failed)).Select(d => $"{d.FileName} {d.Status}")));
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    private static string? Failed(DocumentDto document)
    {
        Assert.Equal(DocumentStatus.Failed, document.Status);
        return document.Error;
    }
}
