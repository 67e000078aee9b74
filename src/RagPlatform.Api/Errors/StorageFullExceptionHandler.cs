using Microsoft.AspNetCore.Diagnostics;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Errors;

/// <summary>A write that failed because the data volume is full becomes 507 Insufficient Storage
/// with what to do about it, instead of a generic 500; /health reports degraded meanwhile.</summary>
internal sealed class StorageFullExceptionHandler(IProblemDetailsService problems, StorageSpace space) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!space.Observe(exception))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status507InsufficientStorage;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status507InsufficientStorage,
                Title = "Storage full",
                Detail = "The server's data volume is full, so nothing could be stored. Free space on it (deleting documents works even now: DELETE /api/documents/{id}) and try again.",
            },
        });
    }
}
