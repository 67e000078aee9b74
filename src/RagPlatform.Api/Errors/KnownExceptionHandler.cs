using Microsoft.AspNetCore.Diagnostics;
using RagPlatform.Api.Collections;
using RagPlatform.Api.Search;
using RagPlatform.Core.Answering;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Api.Errors;

/// <summary>Turns the exceptions that mean "your request is wrong" (or "that is switched off") into
/// problem responses with the right status; anything else stays a 500 without internals.</summary>
internal sealed class KnownExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title) = Classify(exception);
        if (status == 0)
        {
            return false;
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = status, Title = title, Detail = exception.Message },
        });
    }

    /// <summary>The status and title of an exception that is the caller's business; (0, "") for
    /// anything else (a 500 without internals).</summary>
    public static (int Status, string Title) Classify(Exception exception) =>
        exception switch
        {
            InvalidQueryException => (StatusCodes.Status400BadRequest, "Invalid query"),
            InvalidCollectionNameException => (StatusCodes.Status400BadRequest, "Invalid collection name"),
            CollectionForbiddenException => (StatusCodes.Status403Forbidden, "Forbidden"),
            UnsupportedSearchContentException => (StatusCodes.Status415UnsupportedMediaType, "Unsupported content"),
            SearchUnavailableException => (StatusCodes.Status503ServiceUnavailable, "Search mode unavailable"),
            UploadRejectedException { Reason: UploadRejection.TooLarge } => (StatusCodes.Status413PayloadTooLarge, "File too large"),
            UploadRejectedException { Reason: UploadRejection.UnsupportedType } => (StatusCodes.Status415UnsupportedMediaType, "Unsupported file type"),
            UploadRejectedException { Reason: UploadRejection.UnknownDocument } => (StatusCodes.Status404NotFound, "Document not found"),
            UploadRejectedException { Reason: UploadRejection.ContentTaken or UploadRejection.ReplacedMeanwhile } => (StatusCodes.Status409Conflict, "Replacement refused"),
            UploadRejectedException => (StatusCodes.Status400BadRequest, "Upload rejected"),
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "Request too large" : "Bad request"),
            // Thrown by the form reader when a multipart body passes FormOptions' limits ("… limit … exceeded"),
            // and when it is malformed (a raw line break inside a part's header, e.g. in a file name).
            InvalidDataException limit when limit.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) => (StatusCodes.Status413PayloadTooLarge, "Request too large"),
            InvalidDataException => (StatusCodes.Status400BadRequest, "Malformed multipart body"),
            System.Text.Json.JsonException => (StatusCodes.Status400BadRequest, "Malformed JSON"),
            ConversationNotFoundException => (StatusCodes.Status404NotFound, "Conversation not found"),
            ChatModelFailedException => (StatusCodes.Status503ServiceUnavailable, "Language model unavailable"),
            _ => (0, string.Empty),
        };
}
