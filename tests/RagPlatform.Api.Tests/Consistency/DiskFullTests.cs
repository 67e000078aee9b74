using System.Diagnostics;
using System.Net;
using RagPlatform.Api.Tests.Support;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Tests.Consistency;

/// <summary>A data folder on a small tmpfs, filled to the last byte: uploads answer 507 with what to
/// do, /health says degraded, deleting still works, and all is well again once space is freed.</summary>
public sealed class DiskFullTests
{
    [Fact]
    public async Task On_a_full_disk_uploads_answer_507_health_is_degraded_delete_works_and_space_freed_brings_recovery()
    {
        var mount = Path.Combine(Path.GetTempPath(), "ragplatform-tests", "full-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(mount);
        if (Environment.UserName != "root" || !await RunAsync("mount", $"-t tmpfs -o size=48m tmpfs {mount}"))
        {
            Directory.Delete(mount);
            Assert.Skip("This test fills a small tmpfs it mounts, which needs root allowed to mount (CI runs as root); here mounting failed, so the full-disk behaviour was not checked.");
        }

        try
        {
            await using var factory = new PlatformFactory(dataDirectory: mount);
            var client = new PlatformClient(factory.CreateClient());
            var kept = await client.IngestAsync(SamplePdfs.Pages(2, "anchor"), "kept.pdf");

            var filler = Path.Combine(mount, "filler");
            FillUntilFull(filler);

            using var refused = await client.PostFilesAsync((SamplePdfs.Pages(2, "overflow"), "refused.pdf", "application/pdf"));
            var problem = await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.InsufficientStorage, refused.StatusCode);
            Assert.Contains("full", problem, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("\"degraded\"", await client.Http.GetStringAsync("/health", TestContext.Current.CancellationToken), StringComparison.Ordinal);

            using var deleted = await client.Http.DeleteAsync($"/api/documents/{kept.Document.Id}", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
            // Measured, not asserted: whether the delete had to spend the reserved space.
            var reserve = Path.Combine(mount, "reserved-space");
            TestContext.Current.TestOutputHelper?.WriteLine($"reserve after the delete on a full disk: {(File.Exists(reserve) ? "kept" : "spent")}");

            File.Delete(filler);
            var recovered = await client.IngestAsync(SamplePdfs.Pages(2, "overflow"), "after.pdf");
            Assert.Equal(DocumentStatus.Ready, recovered.Document.Status);
            Assert.Contains("\"healthy\"", await client.Http.GetStringAsync("/health", TestContext.Current.CancellationToken), StringComparison.Ordinal);
            Assert.DoesNotContain((await client.SearchTextAsync("anchor", "&mode=lexical")).Hits, h => h.DocumentId == kept.Document.Id);
            Assert.True(File.Exists(reserve), "The reserve is taken back once space is free.");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await RunAsync("umount", $"-l {mount}");
            Directory.Delete(mount, recursive: true);
        }
    }

    /// <summary>Writes until the volume refuses another byte: megabytes first, then pages.</summary>
    private static void FillUntilFull(string path)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 0);
        foreach (var size in new[] { 1024 * 1024, 4096, 1 })
        {
            var block = new byte[size];
            try
            {
                while (true)
                {
                    file.Write(block);
                }
            }
            catch (IOException ex) when (StorageSpace.IsOutOfSpace(ex))
            {
            }
        }
    }

    private static async Task<bool> RunAsync(string program, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
