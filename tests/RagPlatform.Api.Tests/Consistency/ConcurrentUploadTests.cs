using System.Net.Http.Json;
using RagPlatform.Api.Documents;
using RagPlatform.Api.Tests.Support;

namespace RagPlatform.Api.Tests.Consistency;

/// <summary>The content hash is unique: identical uploads racing each other make one document.</summary>
public sealed class ConcurrentUploadTests
{
    [Fact]
    public async Task Eight_concurrent_uploads_of_the_same_file_make_one_document_and_seven_duplicates()
    {
        await using var factory = new PlatformFactory(workers: 0);
        var client = new PlatformClient(factory.CreateClient());
        var pdf = SamplePdfs.Pages(3, "lighthouse");

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(n => Task.Run(() => client.UploadAsync(pdf, $"copy-{n}.pdf"))));

        Assert.Single(results.Select(r => r.Document.Id).Distinct());
        Assert.Equal(7, results.Count(r => r.Duplicate));
        var listed = await client.Http.GetFromJsonAsync<DocumentListDto>("/api/documents", PlatformClient.Json, TestContext.Current.CancellationToken);
        Assert.Single(listed!.Documents);
        // The losers' originals were removed again: one document folder.
        Assert.Single(Directory.GetDirectories(Path.Combine(factory.DataDirectory, "blobs", "documents")));
    }
}
