using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using RagPlatform.Api.Collections;
using RagPlatform.Core.Access;

namespace RagPlatform.Api.Security;

/// <summary>Asks every /api request for a key once keys exist (or Auth:RequireKeys): 401 without a valid
/// one, 403 with one whose scope is too small. Nothing about the data is said in either answer. A key
/// limited to collections passes its list on to the endpoints as a <see cref="CollectionGrant"/>.</summary>
internal sealed partial class ApiKeyAuthentication(RequestDelegate next, ApiKeyRing ring, IOptions<AuthOptions> options, ILogger<ApiKeyAuthentication> logger)
{
    public const string KeyHeader = "X-Api-Key";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!ScopeRules.IsProtected(context.Request.Path))
        {
            await next(context);
            return;
        }

        var keys = await ring.GetAsync(context.RequestAborted);
        if (!keys.Protects && !options.Value.RequireKeys)
        {
            await next(context);
            return;
        }

        var secret = Presented(context.Request);
        if (secret is null)
        {
            await ChallengeAsync(context, null, "This server requires an API key. Send it as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'; an administrator creates one with: rag keys create --name NAME --scope read");
            return;
        }

        var key = ApiKeySecrets.Match(keys.Keys, secret);
        if (key is not { IsActive: true })
        {
            Log.Refused(logger, key?.Id ?? "unknown", context.Request.Method, context.Request.Path);
            await ChallengeAsync(context, "invalid_token", "The API key is not valid: it is unknown or has been revoked.");
            return;
        }

        var needed = ScopeRules.Required(context.Request);
        if (!key.Allows(needed))
        {
            Log.Forbidden(logger, key.Id, key.Scope, context.Request.Method, context.Request.Path);
            await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden",
                $"This API key has the {Name(key.Scope)} scope; {context.Request.Method} requests here need the {Name(needed)} scope.");
            return;
        }

        if (key.Collections.Count > 0)
        {
            // The endpoints check it against the collection each request names (CollectionAccess).
            context.Features.Set(new CollectionGrant(key.Collections));
        }

        await next(context);
    }

    private static string? Presented(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && authorization.Length > 7)
        {
            return authorization[7..].Trim();
        }

        return request.Headers.TryGetValue(KeyHeader, out var key) && key.ToString() is { Length: > 0 } value ? value.Trim() : null;
    }

    private static async Task ChallengeAsync(HttpContext context, string? error, string detail)
    {
        context.Response.Headers[HeaderNames.WWWAuthenticate] = error is null ? "Bearer realm=\"RagPlatform\"" : $"Bearer realm=\"RagPlatform\", error=\"{error}\"";
        await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "API key required", detail);
    }

    private static string Name(ApiKeyScope scope) => scope.ToString().ToLowerInvariant();

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Request refused, key {KeyId} unknown or revoked: {Method} {Path}")]
        public static partial void Refused(ILogger logger, string keyId, string method, PathString path);

        [LoggerMessage(Level = LogLevel.Information, Message = "Request refused, key {KeyId} has scope {Scope}: {Method} {Path}")]
        public static partial void Forbidden(ILogger logger, string keyId, ApiKeyScope scope, string method, PathString path);
    }
}
