using Microsoft.Extensions.Options;
using RagPlatform.Core.Access;
using RagPlatform.Storage.Files;

namespace RagPlatform.Api.Security;

/// <summary>The keys the API accepts: <c>keys.json</c> of the data folder, read again when its time
/// stamp or length changes, looked at no more than once a second — so `rag keys revoke` takes effect
/// within a second, without a restart.</summary>
internal sealed partial class ApiKeyRing(IOptions<StorageOptions> storage, TimeProvider time, ILogger<ApiKeyRing> logger) : IDisposable
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly ApiKeyFile file = ApiKeyFile.InDataDirectory(storage.Value.DataDirectory);
    private KeyRingSnapshot current = KeyRingSnapshot.None;
    private long checkedAt;
    private bool loaded;

    public string FilePath => file.Path;

    public void Dispose() => gate.Dispose();

    public async ValueTask<KeyRingSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref loaded) && time.GetElapsedTime(Volatile.Read(ref checkedAt)) < CheckInterval)
        {
            return Volatile.Read(ref current);
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!loaded || time.GetElapsedTime(checkedAt) >= CheckInterval)
            {
                await RefreshAsync(cancellationToken);
                Volatile.Write(ref checkedAt, time.GetTimestamp());
                Volatile.Write(ref loaded, true);
            }

            return current;
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var info = new FileInfo(file.Path);
        var (exists, writtenAt, length) = info.Exists ? (true, info.LastWriteTimeUtc, info.Length) : (false, DateTime.MinValue, -1L);
        var previous = current;
        if (loaded && exists == previous.Exists && writtenAt == previous.WrittenAt && length == previous.Length)
        {
            return;
        }

        try
        {
            var keys = await file.LoadAsync(cancellationToken);
            Volatile.Write(ref current, new KeyRingSnapshot(keys, false, writtenAt, length, exists));
            if (loaded)
            {
                var active = keys.Count(k => k.IsActive);
                Log.Reloaded(logger, active, keys.Count);
            }
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or IOException or UnauthorizedAccessException)
        {
            Log.Unreadable(logger, ex.Message);
            Volatile.Write(ref current, new KeyRingSnapshot([], true, writtenAt, length, exists));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "API keys reloaded: {Active} active of {Total}")]
        public static partial void Reloaded(ILogger logger, int active, int total);

        [LoggerMessage(Level = LogLevel.Error, Message = "The API key file cannot be read ({Reason}); every API request is refused until it is fixed")]
        public static partial void Unreadable(ILogger logger, string reason);
    }
}
