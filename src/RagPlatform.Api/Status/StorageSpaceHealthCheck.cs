using Microsoft.Extensions.Diagnostics.HealthChecks;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Status;

/// <summary>Degraded while the last storage write failed for lack of space: searching still works,
/// storing does not.</summary>
internal sealed class StorageSpaceHealthCheck(StorageSpace space) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(space.IsShort
            ? HealthCheckResult.Degraded("The data volume is full: uploads and ingestion fail until space is freed (deleting documents frees it).")
            : HealthCheckResult.Healthy());
}
