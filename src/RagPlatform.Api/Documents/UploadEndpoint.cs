using Microsoft.Extensions.Options;
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
            var accepted = await intake.AcceptAsync(stream, file.FileName, cancellationToken);
            results.Add(new UploadResultDto(file.FileName, accepted.Duplicate, DocumentDto.From(accepted.Document)));
        }

        var first = results[0].Document;
        return Results.Accepted(results.Count == 1 ? first.Url : "/api/documents", new UploadResponseDto(results));
    }
}
