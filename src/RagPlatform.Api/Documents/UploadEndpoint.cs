using Microsoft.Extensions.Options;
using RagPlatform.Api.Collections;
using RagPlatform.Api.Errors;
using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Documents;

/// <summary>POST /api/documents: one or many files as multipart/form-data, optionally replacing
/// documents (<see cref="UploadReplaceMode"/>).</summary>
/// <remarks>File by file: a refused file (empty, too large, unsupported, …) is listed with its
/// status and reason and nothing of it is kept, while the others are stored. 202 when at least one
/// file was taken; otherwise the first refusal's problem, with the list of every file as its
/// <c>documents</c> member.</remarks>
internal static class UploadEndpoint
{
    public static async Task<IResult> HandleAsync(
        HttpRequest request, DocumentIntake intake, DocumentReplacement replacement, IOptions<UploadOptions> options, CancellationToken cancellationToken)
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
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException limit) when (limit.Message.StartsWith("Multipart body length limit", StringComparison.Ordinal))
        {
            // The form reader's per-part limit (see AddApiServices), passed while the part streamed in.
            throw new UploadRejectedException(UploadRejection.TooLarge,
                $"A file in the request is larger than the limit of {options.Value.MaxFileBytes:N0} bytes (Uploads:MaxFileBytes); nothing was stored.");
        }

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

        if (files.Count > options.Value.MaxFilesPerRequest)
        {
            return Results.Problem($"{files.Count} files in one request; the limit is {options.Value.MaxFilesPerRequest}.", statusCode: StatusCodes.Status400BadRequest, title: "Too many files");
        }

        var mode = UploadReplaceMode.Parse(request.Query["replace"], form["replace"], out var modeError);
        if (mode is null)
        {
            return Results.Problem(modeError, statusCode: StatusCodes.Status400BadRequest, title: "Bad replace parameter");
        }

        if (mode.DocumentId is not null && files.Count > 1)
        {
            return Results.Problem($"replace={mode.DocumentId} replaces one document with one file, but the request holds {files.Count} files.", statusCode: StatusCodes.Status400BadRequest, title: "Too many files");
        }

        var results = new List<UploadResultDto>(files.Count);
        foreach (var file in files)
        {
            results.Add(await UploadOneAsync(file, collection, mode, intake, replacement, cancellationToken));
        }

        var taken = results.FirstOrDefault(r => r.Outcome != UploadOutcome.Rejected);
        if (taken is not null)
        {
            return Results.Accepted(results.Count == 1 ? taken.Document!.Url : "/api/documents", new UploadResponseDto(results));
        }

        var rejected = results.Where(r => r.Outcome == UploadOutcome.Rejected).ToList();
        var detail = rejected.Count == 1 ? rejected[0].Detail : $"No file was taken. {string.Join(" ", rejected.Select(r => r.Detail))}";
        return Results.Problem(
            detail,
            statusCode: rejected[0].Status,
            title: rejected.Count == 1 ? Title(rejected[0].Status) : "No file taken",
            extensions: new Dictionary<string, object?> { ["documents"] = results });
    }

    private static async Task<UploadResultDto> UploadOneAsync(IFormFile file, string collection, UploadReplaceMode mode, DocumentIntake intake, DocumentReplacement replacement, CancellationToken cancellationToken)
    {
        if (file.FileName.Any(char.IsControl))
        {
            return Rejected(file.FileName, StatusCodes.Status400BadRequest, "A file name holds a line break or another control character; rename the file and send it again.");
        }

        try
        {
            await using var stream = file.OpenReadStream();
            if (mode.DocumentId is { } id)
            {
                return Replaced(file.FileName, await replacement.ReplaceAsync(id, stream, file.FileName, collection, cancellationToken));
            }

            if (mode.ByName)
            {
                var (replaced, added) = await replacement.ReplaceByNameAsync(stream, file.FileName, collection, cancellationToken);
                return replaced is not null ? Replaced(file.FileName, replaced) : Added(file.FileName, added!);
            }

            return Added(file.FileName, await intake.AcceptAsync(stream, file.FileName, collection, cancellationToken));
        }
        catch (UploadRejectedException ex)
        {
            return Rejected(file.FileName, KnownExceptionHandler.Classify(ex).Status, ex.Message);
        }
    }

    private static UploadResultDto Added(string fileName, IntakeResult result) => result.Duplicate
        ? new(fileName, UploadOutcome.Duplicate, StatusCodes.Status200OK, null, true, DocumentDto.From(result.Document))
        : new(fileName, UploadOutcome.Accepted, StatusCodes.Status202Accepted, null, false, DocumentDto.From(result.Document));

    private static UploadResultDto Replaced(string fileName, ReplacementResult result) => result.Replaced
        ? new(fileName, UploadOutcome.Replaced, StatusCodes.Status202Accepted, null, false, DocumentDto.From(result.Document))
        : new(fileName, UploadOutcome.Unchanged, StatusCodes.Status200OK, null, false, DocumentDto.From(result.Document));

    private static UploadResultDto Rejected(string fileName, int status, string detail) =>
        new(fileName, UploadOutcome.Rejected, status, detail, false, null);

    private static string Title(int status) => status switch
    {
        StatusCodes.Status404NotFound => "Document not found",
        StatusCodes.Status409Conflict => "Replacement refused",
        StatusCodes.Status413PayloadTooLarge => "File too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported file type",
        _ => "Upload rejected",
    };
}
