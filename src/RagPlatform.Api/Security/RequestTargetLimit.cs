using Microsoft.Extensions.Options;

namespace RagPlatform.Api.Security;

/// <summary>414 with a problem document for a path and query longer than Auth:MaxRequestTargetLength.
/// Kestrel's own limit (raised above this one, see AddApiSecurity) would answer with an empty body.</summary>
internal sealed class RequestTargetLimit(RequestDelegate next, IOptions<AuthOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var length = context.Request.Path.Value?.Length + context.Request.QueryString.Value?.Length ?? 0;
        var limit = options.Value.MaxRequestTargetLength;
        if (length <= limit)
        {
            await next(context);
            return;
        }

        await Problems.WriteAsync(context, StatusCodes.Status414UriTooLong, "Request URL too long",
            $"The path and query string are {length:N0} characters long; the limit is {limit:N0}. Send long queries in a POST body (POST /api/search).");
    }
}
