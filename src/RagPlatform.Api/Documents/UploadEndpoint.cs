using Microsoft.Extensions.Options;
using RagPlatform.Api.Collections;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Documents;

/// <summary>POST /api/documents: one or many files as multipart/form-data.</summary>
/// <remarks>All or nothing: every file is checked (size, type from content) before any is stored,
/// so a rejected request leaves the library exactly as it was.</remarks>
internal static class UploadEndpoint
{
    public static async Task<IResult> HandleAsync(HttpRequest request, DocumentIntake intake, IOptions<UploadOptions> options, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return Results.Problem(
                "Send the files as multipart/form-data (for example: curl -F file=@report.pdf ...).",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported request type");
        }

        // The collection: a query parameter (checked before the body is read, so a key of another
        // collection is refused without taking its files) or a form field; default when neither.
        var query = request.Query["collection"].ToString();
        var collection = CollectionAccess.Resolve(request.HttpContext, query);
        var form = await request.ReadFormAsync(cancellationToken);
        var field = form["collection"].ToString();
        if (!string.IsNullOrWhiteSpace(field))
        {
            if (!string.IsNullOrWhiteSpace(query) && field != query)
            {
                return Results.Problem($"The query names collection '{query}' and the form '{field}'; name one.", statusCode: StatusCodes.Status400BadRequest, title: "Two collections");
            }

            collection = CollectionAccess.Resolve(request.HttpContext, field);
        }

        var files = form.Files;
        if (files.Count == 0)
        {
            return Results.Problem("The request holds no file.", statusCode: StatusCodes.Status400BadRequest, title: "No file");
        }

        if (files.FirstOrDefault(f => f.FileName.Any(char.IsControl)) is not null)
        {
            return Results.Problem("A file name holds a line break or another control character; rename the file and send it again.", statusCode: StatusCodes.Status400BadRequest, title: "Bad file name");
        }

        if (files.Count > options.Value.MaxFilesPerRequest)
        {
            return Results.Problem($"{files.Count} files in one request; the limit is {options.Value.MaxFilesPerRequest}.", statusCode: StatusCodes.Status400BadRequest, title: "Too many files");
        }

        // The intake's own checks, on every file before any is stored; a refusal becomes a 400, 413
        // or 415 problem through KnownExceptionHandler.
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            await intake.CheckAsync(stream, file.FileName, cancellationToken);
        }

        var results = new List<UploadResultDto>(files.Count);
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            var accepted = await intake.AcceptAsync(stream, file.FileName, collection, cancellationToken);
            results.Add(new UploadResultDto(file.FileName, accepted.Duplicate, DocumentDto.From(accepted.Document)));
        }

        var first = results[0].Document;
        return Results.Accepted(results.Count == 1 ? first.Url : "/api/documents", new UploadResponseDto(results));
    }
}
