using Microsoft.Extensions.AI;
using RagPlatform.Api.Collections;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Search;

namespace RagPlatform.Api.Search;

/// <summary>The /api/search routes: GET for plain text, POST with JSON or multipart for images.</summary>
internal static class SearchApi
{
    /// <summary>Largest query image, in bytes.</summary>
    private const long MaxImageBytes = 20L * 1024 * 1024;

    /// <summary>Largest POST body, in bytes: the largest image in base64 (4 characters per 3 bytes)
    /// and a megabyte for the other fields and the multipart framing.</summary>
    private const long MaxBodyBytes = (MaxImageBytes * 4 / 3) + (1024 * 1024);

    public static RouteGroupBuilder MapSearchApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/search").WithTags("Search");

        group.MapGet("/", GetAsync)
            .Produces<SearchResponseDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Search by text in one collection: GET /api/search?q=revenue&modality=image&limit=10&mode=hybrid&collapse=false&collection=default");

        group.MapPost("/", PostAsync)
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxBodyBytes))
            .Produces<SearchResponseDto>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Search by text and/or image (JSON with a base64 image, or multipart with an image file)");
        return group;
    }

    private static Task<IResult> GetAsync(
        HttpContext http,
        SearchService search,
        CancellationToken cancellationToken,
        string? q = null,
        string[]? modality = null,
        Guid[]? documentId = null,
        int? limit = null,
        string? mode = null,
        bool? collapse = null,
        string? collection = null) =>
        RunAsync(search, new SearchRequest(q, null, Filter(ParseModalities(modality), documentId, CollectionAccess.Resolve(http, collection)), limit, ParseMode(mode), collapse ?? true), cancellationToken);

    /// <summary>Case-insensitive, repeated or comma-separated (modality=image,page); an unknown
    /// name is a 400 that lists the valid ones.</summary>
    internal static IEnumerable<Modality> ParseModalities(IEnumerable<string?>? values) =>
        (values ?? []).SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(v => Enum.TryParse<Modality>(v, ignoreCase: true, out var m) && Enum.IsDefined(m)
                ? m
                : throw new InvalidQueryException($"Unknown modality '{v}': use text, image or page."))
            .ToList();

    /// <summary>hybrid (also when absent), lexical or dense, case-insensitive; anything else is a 400
    /// that lists the valid ones.</summary>
    internal static SearchMode ParseMode(string? value) =>
        string.IsNullOrWhiteSpace(value) ? SearchMode.Hybrid
        // Names only: Enum.TryParse would also take "1".
        : Enum.GetNames<SearchMode>().Contains(value.Trim(), StringComparer.OrdinalIgnoreCase) ? Enum.Parse<SearchMode>(value.Trim(), ignoreCase: true)
        : throw new InvalidQueryException($"Unknown search mode '{value}': use hybrid, lexical or dense.");

    private static async Task<IResult> PostAsync(HttpRequest request, SearchService search, CancellationToken cancellationToken)
    {
        // A collection in the query string is checked before the body is read; the body's wins when
        // only it names one.
        var queried = request.Query["collection"].ToString();
        CollectionAccess.Resolve(request.HttpContext, queried);
        SearchRequestDto? body;
        DataContent? image;
        if (request.HasFormContentType)
        {
            (body, image) = await SearchFormReader.ReadAsync(request, MaxImageBytes, cancellationToken);
        }
        else if (request.HasJsonContentType())
        {
            body = await request.ReadFromJsonAsync<SearchRequestDto>(cancellationToken);
            image = body?.Image is null ? null : DecodeBase64Image(body.Image);
        }
        else
        {
            throw new UnsupportedSearchContentException("Send the query as application/json or multipart/form-data.");
        }

        if (body is null)
        {
            throw new InvalidQueryException("The request body is empty.");
        }

        var collection = CollectionAccess.Resolve(request.HttpContext, string.IsNullOrWhiteSpace(body.Collection) ? queried : body.Collection);
        return await RunAsync(search, new SearchRequest(body.Query, image, Filter(body.Modalities, body.DocumentIds, collection), body.Limit, ParseMode(body.Mode), body.Collapse ?? true), cancellationToken);
    }

    private static async Task<IResult> RunAsync(SearchService search, SearchRequest request, CancellationToken cancellationToken)
    {
        var response = await search.SearchAsync(request, cancellationToken);
        return Results.Ok(new SearchResponseDto(response.Mode, response.Notice, response.Hits.Select(SearchHitDto.From).ToList()));
    }

    internal static DataContent ToImageContent(byte[] bytes)
    {
        if (bytes.Length > MaxImageBytes)
        {
            throw new InvalidQueryException($"The query image is {bytes.Length:N0} bytes; the limit is {MaxImageBytes:N0}.");
        }

        var detected = MediaTypeSniffer.Detect(bytes);
        if (detected is not { Kind: DocumentKind.Image })
        {
            throw new UnsupportedSearchContentException("The query image is not a PNG, JPEG, WebP, GIF or BMP image.");
        }

        return new DataContent(bytes, detected.MediaType);
    }

    private static DataContent DecodeBase64Image(string base64)
    {
        // Accept a data URL as browsers produce it ("data:image/png;base64,...").
        var comma = base64.StartsWith("data:", StringComparison.Ordinal) ? base64.IndexOf(',', StringComparison.Ordinal) : -1;
        try
        {
            return ToImageContent(Convert.FromBase64String(base64[(comma + 1)..]));
        }
        catch (FormatException)
        {
            throw new InvalidQueryException("The image is not valid base64.");
        }
    }

    private static SearchFilter Filter(IEnumerable<Modality>? modalities, IEnumerable<Guid>? documentIds, string collection) =>
        new((modalities ?? []).ToHashSet(), (documentIds ?? []).ToHashSet(), collection);
}
