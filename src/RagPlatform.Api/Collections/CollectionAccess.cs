using RagPlatform.Core.Documents;

namespace RagPlatform.Api.Collections;

/// <summary>Which collection a request works in, and what it may see. Endpoints that list, upload,
/// search, chat or report name a collection (the <c>collection</c> query parameter, form field or JSON
/// property; <see cref="CollectionName.Default"/> when absent) and get 403 for one their key is not
/// limited to. Endpoints that take a document, item or conversation id answer 404 for an object of a
/// collection the key may not use, or of another collection than the one the request names: exactly
/// as for a missing id, so that nothing tells what exists elsewhere.</summary>
internal static class CollectionAccess
{
    /// <summary>The collection the request names, checked.</summary>
    /// <exception cref="InvalidCollectionNameException">Not a valid name (400).</exception>
    /// <exception cref="CollectionForbiddenException">The key is limited to other collections (403).</exception>
    public static string Resolve(HttpContext http, string? requested)
    {
        var collection = CollectionName.OrDefault(requested);
        if (!Allows(http, collection))
        {
            throw new CollectionForbiddenException($"This API key is limited to other collections than '{collection}'. Name one of its collections with the collection parameter, or use a key for this one.");
        }

        return collection;
    }

    /// <summary>Whether an object of <paramref name="collection"/> may be shown: the key allows its
    /// collection, and the request names no other one. False means: answer as if it did not exist.</summary>
    /// <exception cref="InvalidCollectionNameException">The request names an invalid collection (400).</exception>
    public static bool MaySee(HttpContext http, string collection, string? requested)
    {
        if (!string.IsNullOrWhiteSpace(requested) && CollectionName.OrDefault(requested) != collection)
        {
            return false;
        }

        return Allows(http, collection);
    }

    /// <summary>Whether the request's key may use the collection (always, without a limited key).</summary>
    public static bool Allows(HttpContext http, string collection) =>
        http.Features.Get<CollectionGrant>() is not { } grant || grant.Allows(collection);
}
