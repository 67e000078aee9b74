using System.Globalization;
using RagPlatform.Cli.Api;

namespace RagPlatform.Cli.Commands;

/// <summary>Turns what a user types for a document — its id, a unique prefix of its id (at least 4
/// hex digits, dashes optional), or its file name — into the document, or says clearly why not.</summary>
internal static class DocumentReferences
{
    private const int MinPrefixLength = 4;

    /// <returns>The documents, or the problems (one line each) when any reference matches none or several.</returns>
    public static async Task<(IReadOnlyList<DocumentView> Documents, IReadOnlyList<string> Problems)> ResolveAsync(
        RagApiClient api, IReadOnlyList<string> references, CancellationToken cancellationToken)
    {
        var all = await ListAllAsync(api, cancellationToken);
        var found = new List<DocumentView>();
        var problems = new List<string>();
        foreach (var reference in references)
        {
            var matches = Match(all, reference.Trim());
            switch (matches.Count)
            {
                case 1:
                    found.Add(matches[0]);
                    break;
                case 0:
                    problems.Add($"No document matches '{reference}': give its id, a unique start of its id (4+ hex digits) or its file name (see `rag list`).");
                    break;
                default:
                    problems.Add($"'{reference}' matches {matches.Count} documents ({string.Join(", ", matches.Take(5).Select(d => $"{ShortId(d.Id)} {d.FileName}"))}): give more of the id.");
                    break;
            }
        }

        return (found, problems);
    }

    /// <summary>The first 8 hex digits: unique enough to type, short enough for an 80-column table.</summary>
    public static string ShortId(Guid id) => id.ToString("N", CultureInfo.InvariantCulture)[..8];

    public static async Task<IReadOnlyList<DocumentView>> ListAllAsync(RagApiClient api, CancellationToken cancellationToken)
    {
        var documents = new List<DocumentView>();
        for (var skip = 0; ; skip += RagApiClient.MaxPageSize)
        {
            var page = await api.ListAsync(skip, RagApiClient.MaxPageSize, cancellationToken);
            documents.AddRange(page);
            if (page.Count < RagApiClient.MaxPageSize)
            {
                return documents;
            }
        }
    }

    private static List<DocumentView> Match(IReadOnlyList<DocumentView> documents, string reference)
    {
        if (Guid.TryParse(reference, out var id))
        {
            return [.. documents.Where(d => d.Id == id)];
        }

        var hex = reference.Replace("-", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        if (hex.Length >= MinPrefixLength && hex.All(Uri.IsHexDigit))
        {
            var byPrefix = documents.Where(d => d.Id.ToString("N", CultureInfo.InvariantCulture).StartsWith(hex, StringComparison.Ordinal)).ToList();
            if (byPrefix.Count > 0)
            {
                return byPrefix;
            }
        }

        return [.. documents.Where(d => string.Equals(d.FileName, reference, StringComparison.Ordinal))];
    }
}
