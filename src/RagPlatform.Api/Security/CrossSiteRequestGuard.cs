using Microsoft.Extensions.Options;

namespace RagPlatform.Api.Security;

/// <summary>In the keyless mode, refuses a state-changing request (POST, PUT, PATCH, DELETE) that a
/// browser made for another site: its <c>Origin</c> is not this server's, or <c>Sec-Fetch-Site</c> says
/// cross-site or same-site. Any page the user visits could otherwise post to localhost. With keys on it
/// stands aside: the API has no cookies, so a forged request carries no key, and a reverse proxy that
/// rewrites <c>Host</c> would make the page's own requests look foreign. Clients that are not browsers
/// send neither header and pass.</summary>
internal sealed class CrossSiteRequestGuard(RequestDelegate next, ApiKeyRing ring, IOptions<AuthOptions> options)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method)
            || !IsForeign(request)
            || options.Value.RequireKeys
            || (await ring.GetAsync(context.RequestAborted)).Protects)
        {
            await next(context);
            return;
        }

        await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Cross-site request refused",
            "A page of another site sent this request; only this server's own page, or a client that is not a browser, may change data.");
    }

    private static bool IsForeign(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site.Equals("cross-site", StringComparison.OrdinalIgnoreCase) || site.Equals("same-site", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0)
        {
            return false;
        }

        // "null" (a sandboxed frame, a file: page) or anything that is not this host and port.
        return !Uri.TryCreate(origin, UriKind.Absolute, out var from)
            || !Uri.TryCreate($"{request.Scheme}://{request.Host}", UriKind.Absolute, out var own)
            || !string.Equals(from.Authority, own.Authority, StringComparison.OrdinalIgnoreCase);
    }
}
