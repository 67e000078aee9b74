using RagPlatform.Core.Access;

namespace RagPlatform.Api.Security;

/// <summary>Which scope a request needs: reading is GET (and the two POSTs that only read: search and
/// chat); anything else that changes state needs write. Decided from the method and path, not from
/// per-endpoint metadata, so that an endpoint added later is protected without anyone remembering to.</summary>
internal static class ScopeRules
{
    private static readonly string[] ReadingPosts = ["/api/search", "/api/chat"];

    /// <summary>True for the paths that need a key when keys are on: everything under /api.</summary>
    public static bool IsProtected(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    public static ApiKeyScope Required(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method))
        {
            return ApiKeyScope.Read;
        }

        return HttpMethods.IsPost(request.Method) && ReadingPosts.Any(p => request.Path.Equals(p, StringComparison.OrdinalIgnoreCase))
            ? ApiKeyScope.Read
            : ApiKeyScope.Write;
    }
}
