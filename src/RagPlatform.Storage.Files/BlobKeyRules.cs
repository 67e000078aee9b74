namespace RagPlatform.Storage.Files;

/// <summary>What a blob key may look like: relative, '/'-separated segments of printable characters,
/// none empty and none starting with '.' (which excludes "." and ".." and keeps the store's
/// temporary files out of the key space). Anything else is a bug or an attack, so it is rejected
/// rather than cleaned up.</summary>
internal static class BlobKeyRules
{
    private const int MaxKeyLength = 1024;

    public static string ValidateKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var problem = FindProblem(key, allowTrailingSlash: false);
        return problem is null ? key : throw new ArgumentException($"Invalid blob key '{Printable(key)}': {problem}.", nameof(key));
    }

    /// <summary>A prefix follows the key rules but may end with '/'.</summary>
    public static string ValidatePrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var problem = FindProblem(prefix, allowTrailingSlash: true);
        return problem is null ? prefix : throw new ArgumentException($"Invalid blob prefix '{Printable(prefix)}': {problem}.", nameof(prefix));
    }

    private static string? FindProblem(string key, bool allowTrailingSlash)
    {
        if (key.Length == 0)
        {
            return "it is empty";
        }

        if (key.Length > MaxKeyLength)
        {
            return $"it is longer than {MaxKeyLength} characters";
        }

        if (key.Contains('\\', StringComparison.Ordinal))
        {
            return "backslashes are not allowed, use '/'";
        }

        if (key[0] == '/' || Path.IsPathRooted(key) || key.Contains(':', StringComparison.Ordinal))
        {
            return "it must be a relative path";
        }

        if (key.Any(char.IsControl))
        {
            return "it contains control characters";
        }

        var body = allowTrailingSlash && key.EndsWith('/') ? key[..^1] : key;
        foreach (var segment in body.Split('/'))
        {
            if (segment.Length == 0)
            {
                return "it has an empty segment";
            }

            if (segment[0] == '.')
            {
                return "segments may not start with '.' (no '.' or '..')";
            }
        }

        return null;
    }

    private static string Printable(string key) =>
        new(key.Take(200).Select(c => char.IsControl(c) ? '?' : c).ToArray());
}
