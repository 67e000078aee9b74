using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using RagPlatform.Api.Documents;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Tests.Documents;

/// <summary>An upload that replaces a changed file: same id, new content searchable, old content
/// gone from every store, nothing left behind.</summary>
public sealed class ReplaceDocumentTests : IAsyncLifetime
{
    private readonly PlatformFactory factory = new(withModel: false);
    private PlatformClient client = null!;

    public ValueTask InitializeAsync()
    {
        client = new PlatformClient(factory.CreateClient());
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    [Fact]
    public async Task Replacing_by_id_keeps_the_id_finds_the_new_content_and_forgets_the_old()
    {
        var old = await client.IngestAsync(SamplePdfs.WithText("The lighthouse keepers logged fog."), "harbour.pdf");
        var newPdf = SamplePdfs.WithText("The ferry timetable changes in spring.");

        using var response = await ReplaceRequests.SendAsync(client, newPdf, "harbour-2025.pdf", old.Document.Id.ToString());

        var result = await ReplaceRequests.ResultAsync(response);
        Assert.Equal(UploadOutcome.Replaced, result.Outcome);
        Assert.Equal(202, result.Status);
        Assert.Equal(old.Document.Id, result.Document!.Id);
        Assert.Equal("harbour-2025.pdf", result.Document.FileName);
        var replaced = await client.WaitUntilFinishedAsync(old.Document.Id);
        Assert.Equal(DocumentStatus.Ready, replaced.Document.Status);
        Assert.Equal(old.Document.CreatedAt, replaced.Document.CreatedAt);
        Assert.Contains((await client.SearchTextAsync("ferry timetable")).Hits, h => h.DocumentId == old.Document.Id);
        Assert.Empty((await client.SearchTextAsync("lighthouse")).Hits);
        Assert.Equal(0, await ReplaceRequests.RowsHoldingAsync(factory.DataDirectory, "lighthouse"));
        Assert.Equal(newPdf, await client.Http.GetByteArrayAsync($"/api/documents/{old.Document.Id}/original"));
        Assert.Single((await client.Http.GetFromJsonAsync<DocumentListDto>("/api/documents", PlatformClient.Json))!.Documents);

        await client.Http.DeleteAsync($"/api/documents/{old.Document.Id}");
        Assert.Empty(await DataFolderOrphans.FindAsync(factory.DataDirectory));
    }

    [Fact]
    public async Task Replacing_with_the_same_bytes_changes_nothing_and_says_unchanged()
    {
        var pdf = SamplePdfs.WithText("Tide tables for the quay.");
        var stored = await client.IngestAsync(pdf, "tides.pdf");

        using var response = await ReplaceRequests.SendAsync(client, pdf, "tides.pdf", stored.Document.Id.ToString());

        var result = await ReplaceRequests.ResultAsync(response);
        Assert.Equal(UploadOutcome.Unchanged, result.Outcome);
        Assert.Equal(200, result.Status);
        Assert.Equal(stored.Document, result.Document);
    }

    [Fact]
    public async Task Replacing_an_unknown_document_answers_404_and_keeps_nothing()
    {
        var unknown = Guid.NewGuid();

        using var response = await ReplaceRequests.SendAsync(client, SamplePdfs.WithText("orphan"), "orphan.pdf", unknown.ToString());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(PlatformClient.Json);
        Assert.Contains(unknown.ToString(), problem!.Detail, StringComparison.Ordinal);
        Assert.Empty(await DataFolderOrphans.FindAsync(factory.DataDirectory));
    }

    [Fact]
    public async Task Replacing_with_the_bytes_of_another_document_answers_409_naming_it()
    {
        var pdf = SamplePdfs.WithText("Buoy positions.");
        var other = await client.IngestAsync(pdf, "buoys.pdf");
        var target = await client.IngestAsync(SamplePdfs.WithText("Pilot fees."), "fees.pdf");

        using var response = await ReplaceRequests.SendAsync(client, pdf, "fees.pdf", target.Document.Id.ToString());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(PlatformClient.Json);
        Assert.Contains(other.Document.Id.ToString(), problem!.Detail, StringComparison.Ordinal);
        Assert.Contains((await client.SearchTextAsync("pilot fees")).Hits, h => h.DocumentId == target.Document.Id);
    }

    [Fact]
    public async Task By_name_replaces_the_newest_document_with_that_name_and_adds_a_file_with_a_new_name()
    {
        var stored = await client.IngestAsync(SamplePdfs.WithText("Anchorage rules protect cormorants."), "rules.pdf");

        using var same = await ReplaceRequests.SendAsync(client, SamplePdfs.WithText("Anchorage rules protect pelicans."), "rules.pdf", "byName");
        using var fresh = await ReplaceRequests.SendAsync(client, SamplePdfs.WithText("Mooring charges."), "charges.pdf", "byName");

        var replaced = await ReplaceRequests.ResultAsync(same);
        Assert.Equal(UploadOutcome.Replaced, replaced.Outcome);
        Assert.Equal(stored.Document.Id, replaced.Document!.Id);
        var added = await ReplaceRequests.ResultAsync(fresh);
        Assert.Equal(UploadOutcome.Accepted, added.Outcome);
        Assert.NotEqual(stored.Document.Id, added.Document!.Id);
        await client.WaitUntilFinishedAsync(stored.Document.Id);
        Assert.Contains((await client.SearchTextAsync("pelicans")).Hits, h => h.DocumentId == stored.Document.Id);
        Assert.Empty((await client.SearchTextAsync("cormorants")).Hits);
    }

    [Fact]
    public async Task A_bad_replace_value_or_several_files_for_one_id_answer_400()
    {
        using var bad = await ReplaceRequests.SendAsync(client, SamplePdfs.WithText("x"), "x.pdf", "yes-please");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(SamplePdfs.WithText("a")), "files", "a.pdf" },
            { new ByteArrayContent(SamplePdfs.WithText("b")), "files", "b.pdf" },
        };
        using var several = await client.Http.PostAsync($"/api/documents?replace={Guid.NewGuid()}", content);
        Assert.Equal(HttpStatusCode.BadRequest, several.StatusCode);
        Assert.Empty(await DataFolderOrphans.FindAsync(factory.DataDirectory));
    }
}
