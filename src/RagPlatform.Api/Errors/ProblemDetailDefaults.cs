namespace RagPlatform.Api.Errors;

/// <summary>A detail for the problems the framework writes without one (status code pages after
/// routing found no endpoint, or refused a method).</summary>
internal static class ProblemDetailDefaults
{
    public static void Fill(ProblemDetailsContext context)
    {
        if (!string.IsNullOrEmpty(context.ProblemDetails.Detail))
        {
            return;
        }

        var path = context.HttpContext.Request.Path.Value ?? "/";
        context.ProblemDetails.Detail = context.ProblemDetails.Status switch
        {
            StatusCodes.Status404NotFound when path.StartsWith("/api/", StringComparison.Ordinal) =>
                $"Nothing is at {path}. Document, item and conversation ids are GUIDs such as 3f2c9a1e-…; GET /api/documents lists the documents, /docs the API.",
            StatusCodes.Status404NotFound => $"Nothing is at {path}.",
            StatusCodes.Status405MethodNotAllowed => $"{context.HttpContext.Request.Method} is not allowed on {path}; /docs lists each route's methods.",
            StatusCodes.Status415UnsupportedMediaType => "The request body's content type is not one this endpoint reads; /docs says which.",
            _ => context.ProblemDetails.Title,
        };
    }
}
