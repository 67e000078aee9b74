using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Tests.Ingestion;

/// <summary>Why extraction runs in a child process: a PDF that overflows the parser's stack ends
/// whatever process parses it. Without isolation that is the API host itself, on every attempt;
/// because each attempt is counted before its work starts, the document still ends failed.</summary>
public sealed class PoisonDocumentTests
{
    private const int MaxAttempts = 2;

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Ingestion:MaxAttempts"] = $"{MaxAttempts}",
        ["Ingestion:LeaseSeconds"] = "5",
        ["Ingestion:PollMilliseconds"] = "50",
        ["Clip:ModelDirectory"] = "no-model-here",
        ["Ocr:ModelDirectory"] = "no-model-here",
        ["Reranking:ModelDirectory"] = "",
        ["Embeddings:Text:ModelDirectory"] = "",
    };

    [Fact]
    public async Task A_pdf_that_overflows_the_parsers_stack_kills_a_host_extracting_in_process_on_every_attempt_yet_ends_failed_with_a_reason()
    {
        var data = Path.Combine(Path.GetTempPath(), "ragplatform-tests", Guid.NewGuid().ToString("N"));
        try
        {
            Guid poison;
            await using (var uploader = new PlatformFactory(withModel: false, dataDirectory: data, workers: 0))
            {
                var client = new PlatformClient(uploader.CreateClient());
                poison = (await client.UploadAsync(await File.ReadAllBytesAsync(RepositoryPaths.Hostile("xref-stream-absurd-w.pdf"), TestContext.Current.CancellationToken), "poison.pdf")).Document.Id;
            }

            // Each run claims the job (once the dead run's lease has expired) and dies parsing it.
            var inProcess = new Dictionary<string, string>(Settings) { ["Extraction:Isolation"] = "InProcess" };
            for (var attempt = 1; attempt <= MaxAttempts; attempt++)
            {
                var (exitCode, output) = await HostProcess.RunUntilExitAsync(data, inProcess, TimeSpan.FromMinutes(3));

                Assert.NotEqual(0, exitCode);
                Assert.Contains("Stack overflow.", output, StringComparison.Ordinal);
            }

            // A host whose attempts are spent fails the document without touching it, and goes on.
            await using var survivor = new PlatformFactory(withModel: false, dataDirectory: data, settings: Settings);
            var after = new PlatformClient(survivor.CreateClient());
            var failed = await after.WaitUntilFinishedAsync(poison, TimeSpan.FromMinutes(2));
            var next = await after.IngestAsync(SamplePdfs.WithText("The harbour master signed the register."), "next.pdf");

            Assert.Equal(DocumentStatus.Failed, failed.Document.Status);
            Assert.Equal($"Gave up after {MaxAttempts} attempts: the worker process stopped each time while ingesting this document, last while opening the file.", failed.Document.Error);
            Assert.Equal(DocumentStatus.Ready, next.Document.Status);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }
}
