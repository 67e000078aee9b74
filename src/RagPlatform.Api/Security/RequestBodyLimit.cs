using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace RagPlatform.Api.Security;

/// <summary>The body limit of an endpoint that declares one (<see cref="IRequestSizeLimitMetadata"/>,
/// e.g. the JSON bodies of search and chat, far below the upload limit Kestrel applies to every
/// request): a declared Content-Length above it is refused with a 413 problem before anything is
/// read, and a chunked body is cut off by Kestrel once it passes the limit.</summary>
internal sealed class RequestBodyLimit(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is not { MaxRequestBodySize: { } limit })
        {
            await next(context);
            return;
        }

        if (context.Request.ContentLength is { } length && length > limit)
        {
            await Problems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request too large",
                $"The request body is {length:N0} bytes; {context.Request.Path} takes at most {limit:N0}.");
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        await next(context);
    }
}
