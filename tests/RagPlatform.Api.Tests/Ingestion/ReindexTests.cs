using System.Net;
using System.Net.Http.Json;
using RagPlatform.Api.Status;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Cli;
using RagPlatform.Core.Documents;
using Spectre.Console;

namespace RagPlatform.Api.Tests.Ingestion;

/// <summary>Documents ingested before the CLIP model was installed get their vectors by re-indexing.</summary>
public sealed class ReindexTests
{
    [Fact]
    public async Task Reindexing_after_the_model_arrives_adds_vectors_to_documents_ingested_without_it()
    {
        var data = Path.Combine(Path.GetTempPath(), "ragplatform-tests", Guid.NewGuid().ToString("N"));
        var chart = SampleImages.BarChartPng();
        try
        {
            Guid documentId;
            await using (var withoutModel = new PlatformFactory(withModel: false, dataDirectory: data))
            {
                var client = new PlatformClient(withoutModel.CreateClient());
                documentId = (await client.IngestAsync(chart, "chart.png")).Document.Id;
            }

            await using var withModel = new PlatformFactory(dataDirectory: data);
            var after = new PlatformClient(withModel.CreateClient());
            Assert.Equal(0, (await StatusAsync(after)).Vectors);

            var output = new StringWriter();
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(output) });
            var exit = await new RagCli(_ => withModel.CreateClient(), console).RunAsync(["reindex", "--all"], TestContext.Current.CancellationToken);
            var finished = await after.WaitUntilFinishedAsync(documentId);

            Assert.Equal(0, exit);
            Assert.Equal(DocumentStatus.Ready, finished.Document.Status);
            Assert.Equal(1, (await StatusAsync(after)).Vectors);
            Assert.Equal(documentId, (await after.SearchImageAsync(chart)).Hits[0].DocumentId);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Reindexing_an_unknown_document_answers_404()
    {
        await using var factory = new PlatformFactory(withModel: false);
        using var response = await factory.CreateClient().PostAsync($"/api/documents/{Guid.NewGuid()}/reindex", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<StatusDto> StatusAsync(PlatformClient client) =>
        (await client.Http.GetFromJsonAsync<StatusDto>("/api/status", PlatformClient.Json))!;
}
