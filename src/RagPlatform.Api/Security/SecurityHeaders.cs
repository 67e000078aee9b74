namespace RagPlatform.Api.Security;

/// <summary>Adds the browser hardening headers to every response, errors included (they are set as the
/// response starts, after the exception handler has cleared and rewritten it).</summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>The web page has no inline script or style: everything comes from this server; images may
    /// also be data: and blob: URLs; no page may frame it.</summary>
    public const string PagePolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The API reference (Scalar) runs inline script and loads its fonts from its CDN; it only
    /// reads the OpenAPI document, so it keeps just the framing and sniffing protections.</summary>
    public const string ReferencePolicy = "frame-ancestors 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = http.Request.Path.StartsWithSegments("/docs") || http.Request.Path.StartsWithSegments("/scalar")
                ? ReferencePolicy
                : PagePolicy;
            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
