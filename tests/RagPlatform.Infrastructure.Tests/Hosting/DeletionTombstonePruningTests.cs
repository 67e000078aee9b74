using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using RagPlatform.Core.Ingestion;
using RagPlatform.Hosting;
using RagPlatform.Infrastructure.Tests.Storage;
using RagPlatform.Storage.Sqlite;

namespace RagPlatform.Infrastructure.Tests.Hosting;

public sealed class DeletionTombstonePruningTests : IDisposable
{
    private readonly TemporaryStorage _storage = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_service_prunes_each_grace_period_what_settled_a_grace_period_before()
    {
        var options = Options.Create(new IngestionOptions { TombstoneGrace = TimeSpan.FromMinutes(30) });
        var store = new SqliteDocumentStore(_storage.OpenDatabase(), _clock);
        var document = await store.AddAsync(Samples.Document(), Token);
        Assert.True(await store.BeginDeletionAsync(document.Id, Token));
        Assert.True(await store.DeleteAsync(document.Id, Token));
        using var service = new DeletionTombstonePruning(new SqliteDeletionTombstones(_storage.OpenDatabase()), _clock, options, NullLogger<DeletionTombstonePruning>.Instance);

        _clock.Advance(TimeSpan.FromMinutes(29));
        Assert.Equal(0, await service.PruneOnceAsync(Token));

        // The service starts its wait on a thread of its own (.NET 10's BackgroundService), maybe
        // after an advance: each further grace period ends that wait once it began.
        await service.StartAsync(Token);
        var deadline = DateTimeOffset.UtcNow.AddMinutes(1);
        while (await TombstonesAsync() > 0)
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The service did not prune after its grace period.");
            _clock.Advance(TimeSpan.FromMinutes(30));
            await Task.Delay(20, Token);
        }

        await service.StopAsync(Token);
    }

    [Theory]
    [InlineData(30, 30, false)]
    [InlineData(30, 31, true)]
    public void The_grace_period_must_be_longer_than_the_lease(int leaseSeconds, int graceSeconds, bool valid)
    {
        var options = new IngestionOptions { LeaseSeconds = leaseSeconds, TombstoneGrace = TimeSpan.FromSeconds(graceSeconds) };
        var results = new List<ValidationResult>();

        Assert.Equal(valid, Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true));
        Assert.Equal(valid ? [] : [nameof(IngestionOptions.TombstoneGrace)], results.SelectMany(r => r.MemberNames));
    }

    public void Dispose() => _storage.Dispose();

    private async Task<long> TombstonesAsync()
    {
        await using var connection = await _storage.OpenDatabase().OpenConnectionAsync(Token);
        await using var command = connection.CreateCommand(null, "SELECT COUNT(*) FROM document_tombstones");
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }
}
