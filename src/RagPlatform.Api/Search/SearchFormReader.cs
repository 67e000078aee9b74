using Microsoft.Extensions.AI;
using RagPlatform.Core.Search;

namespace RagPlatform.Api.Search;

/// <summary>Reads a multipart search: fields query, modalities, documentIds, limit, mode, collapse, collection (repeated or
/// comma-separated) and an optional image file.</summary>
internal static class SearchFormReader
{
    public static async Task<(SearchRequestDto Body, DataContent? Image)> ReadAsync(HttpRequest request, long maxImageBytes, CancellationToken cancellationToken)
    {
        var form = await request.ReadFormAsync(cancellationToken);
        DataContent? image = null;
        var file = form.Files.GetFile("image") ?? (form.Files.Count > 0 ? form.Files[0] : null);
        if (file is not null)
        {
            if (file.Length > maxImageBytes)
            {
                throw new InvalidQueryException($"The query image is {file.Length:N0} bytes; the limit is {maxImageBytes:N0}.");
            }

            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            image = SearchApi.ToImageContent(buffer.ToArray());
        }

        var modalities = SearchApi.ParseModalities(Values(form, "modalities").Concat(Values(form, "modality"))).ToList();
        var documentIds = Values(form, "documentIds").Concat(Values(form, "documentId"))
            .Select(v => Guid.TryParse(v, out var id) ? id : throw new InvalidQueryException($"'{v}' is not a document id."))
            .ToList();
        int? limit = form.TryGetValue("limit", out var l) && !string.IsNullOrEmpty(l)
            ? int.TryParse(l, out var n) ? n : throw new InvalidQueryException("The limit must be a number.")
            : null;
        var query = form.TryGetValue("query", out var q) ? q.ToString() : form["q"].ToString();
        bool? collapse = form.TryGetValue("collapse", out var c) && !string.IsNullOrEmpty(c)
            ? bool.TryParse(c, out var b) ? b : throw new InvalidQueryException("collapse must be true or false.")
            : null;
        return (new SearchRequestDto(query, null, modalities, documentIds, limit, form["mode"].ToString(), collapse, form["collection"].ToString()), image);
    }

    private static IEnumerable<string> Values(IFormCollection form, string key) =>
        form.TryGetValue(key, out var values)
            ? values.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : [];
}
