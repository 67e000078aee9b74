using Microsoft.Extensions.Primitives;

namespace RagPlatform.Api.Documents;

/// <summary>The <c>replace</c> parameter of an upload (query or form field): absent (every file is
/// added), a document id (the one file replaces that document) or <c>byName</c> (each file replaces
/// the newest document with its file name, or is added when there is none).</summary>
internal sealed record UploadReplaceMode(bool ByName, Guid? DocumentId)
{
    public const string ByNameValue = "byName";

    public static UploadReplaceMode None { get; } = new(false, null);

    /// <returns>The mode, or null with <paramref name="error"/> when the value is not one.</returns>
    public static UploadReplaceMode? Parse(StringValues query, StringValues form, out string? error)
    {
        error = null;
        var values = StringValues.Concat(query, form).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct().ToList();
        if (values.Count == 0)
        {
            return None;
        }

        if (values.Count > 1)
        {
            error = $"'replace' is given more than once ({string.Join(", ", values)}); give one document id or '{ByNameValue}'.";
            return null;
        }

        if (string.Equals(values[0], ByNameValue, StringComparison.OrdinalIgnoreCase))
        {
            return new UploadReplaceMode(true, null);
        }

        if (Guid.TryParse(values[0], out var id))
        {
            return new UploadReplaceMode(false, id);
        }

        error = $"'replace' must be a document id (a GUID) or '{ByNameValue}', not '{values[0]}'.";
        return null;
    }
}
