using System.Security.Authentication;
using Grpc.Core;

namespace RagPlatform.Vectors.Qdrant;

/// <summary>Runs one call to the server and turns the gRPC failures a deployment can cause into
/// exceptions that say what to fix; a cancellation by the caller stays an
/// <see cref="OperationCanceledException"/>.</summary>
internal static class QdrantCalls
{
    public static async Task<T> RunAsync<T>(Uri address, Func<Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The Qdrant call was cancelled.", ex, cancellationToken);
        }
        catch (RpcException ex) when (Explain(ex, address) is { } explained)
        {
            throw explained;
        }
    }

    public static Task RunAsync(Uri address, Func<Task> call, CancellationToken cancellationToken) =>
        RunAsync(address, async () =>
        {
            await call();
            return true;
        }, cancellationToken);

    /// <summary>The collection or alias is missing: nothing has been stored in that space yet.</summary>
    public static bool IsMissingCollection(RpcException ex) => ex.StatusCode == StatusCode.NotFound;

    private static QdrantUnavailableException? Explain(RpcException ex, Uri address) => ex.StatusCode switch
    {
        // The gRPC client reports a failed TLS handshake as Internal, with the cause attached.
        _ when Causes(ex).Any(cause => cause is AuthenticationException) => new QdrantUnavailableException(
            $"The TLS connection to Qdrant at {address} failed ({ex.Status.Detail}). For a self-signed server certificate set Qdrant:CertificateThumbprint to its SHA-256 thumbprint.", ex),
        StatusCode.Internal when Causes(ex).Any(cause => cause is HttpRequestException) => new QdrantUnavailableException(
            $"Qdrant cannot be reached at {address} ({ex.Status.Detail}). Check Qdrant:Url (the gRPC port, 6334 by default).", ex),
        StatusCode.Unauthenticated or StatusCode.PermissionDenied => new QdrantUnavailableException(
            $"Qdrant at {address} refused the API key ({ex.Status.Detail}). Set Qdrant:ApiKey to the server's key (service.api_key in its configuration).", ex),
        StatusCode.Unavailable => new QdrantUnavailableException(
            $"Qdrant cannot be reached at {address} ({ex.Status.Detail}). Check Qdrant:Url (the gRPC port, 6334 by default) and, for https, Qdrant:CertificateThumbprint.", ex),
        StatusCode.DeadlineExceeded => new QdrantUnavailableException(
            $"Qdrant at {address} did not answer within Qdrant:TimeoutSeconds.", ex),
        _ => null,
    };

    private static IEnumerable<Exception> Causes(RpcException ex)
    {
        for (var cause = ex.Status.DebugException; cause is not null; cause = cause.InnerException)
        {
            yield return cause;
        }
    }
}
