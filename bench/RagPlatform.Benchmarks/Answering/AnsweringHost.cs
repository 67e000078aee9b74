using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RagPlatform.Core.Documents;
using RagPlatform.Hosting;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace RagPlatform.Benchmarks.Answering;

/// <summary>The embedded platform in this process (SQLite, blob folder, in-memory vectors, no CLIP,
/// no OCR) with a chat model at <paramref name="chatEndpoint"/>, and a generated collection ingested.</summary>
internal sealed class AnsweringHost(Uri chatEndpoint) : IAsyncDisposable
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "ragplatform-bench-answering", Guid.NewGuid().ToString("N"));
    private IHost? host;

    public IServiceProvider Services => host!.Services;

    public async Task StartAsync(int documents, int pagesPerDocument, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["Clip:ModelDirectory"] = Path.Combine(dataDirectory, "no-clip"),
            ["Ocr:ModelDirectory"] = Path.Combine(dataDirectory, "no-ocr"),
            ["Reranking:ModelDirectory"] = "",
            ["Ingestion:Workers"] = "2",
            ["Ingestion:PollMilliseconds"] = "50",
            ["Chat:Provider"] = "OpenAI",
            ["Chat:Endpoint"] = chatEndpoint.ToString(),
            ["Chat:Model"] = "bench-model",
        });
        builder.Services.AddRagPlatform(builder.Configuration);
        builder.Services.AddIngestionWorkers();
        host = builder.Build();
        await host.StartAsync(cancellationToken);

        var intake = Services.GetRequiredService<DocumentIntake>();
        var ids = new List<Guid>();
        for (var d = 0; d < documents; d++)
        {
            using var pdf = new MemoryStream(Manual(d, pagesPerDocument));
            ids.Add((await intake.AcceptAsync(pdf, $"manual-{d}.pdf", CollectionName.Default, cancellationToken)).Document.Id);
        }

        var store = Services.GetRequiredService<IDocumentStore>();
        foreach (var id in ids)
        {
            while ((await store.GetAsync(id, cancellationToken))?.Status is DocumentStatus.Queued or DocumentStatus.Processing)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (host is not null)
        {
            await host.StopAsync();
            host.Dispose();
        }

        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    /// <summary>A manual of <paramref name="pages"/> pages, each with a heading, four paragraphs of
    /// topic words and a drawn figure (a filled rectangle is not an image; a small PNG is).</summary>
    private static byte[] Manual(int index, int pages)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        for (var p = 1; p <= pages; p++)
        {
            var page = builder.AddPage(PageSize.A4);
            page.AddText($"Chapter {p} of manual {index}: configuring the {Topics.Pick(index, p)} service", 14, new PdfPoint(50, 790), font);
            for (var line = 0; line < 24; line++)
            {
                page.AddText(Topics.Sentence(index, p, line), 10, new PdfPoint(50, 760 - (line * 14)), font);
            }

            page.AddPng(Topics.Figure(index, p), new PdfRectangle(50, 100, 400, 400));
        }

        return builder.Build();
    }
}
