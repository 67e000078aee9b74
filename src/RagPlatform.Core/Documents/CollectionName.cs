using System.Text.RegularExpressions;

namespace RagPlatform.Core.Documents;

/// <summary>Names of collections: every document, and every conversation, belongs to exactly one.
/// Lower-case so that a name is one collection whatever the caller's habits, short and free of path
/// or query characters so that it can stand in a URL, a form field and a log line as it is.</summary>
public static partial class CollectionName
{
    /// <summary>The collection of everything uploaded without naming one.</summary>
    public const string Default = "default";

    /// <summary>What a valid name looks like, for messages.</summary>
    public const string Rule = "1 to 64 characters: lower-case letters a-z, digits, '-' and '_', starting with a letter or digit";

    public static bool IsValid(string? name) => name is not null && Pattern().IsMatch(name);

    /// <summary>The name given, or <see cref="Default"/> when none (null or blank) is given.</summary>
    /// <exception cref="InvalidCollectionNameException">The name breaks <see cref="Rule"/>.</exception>
    public static string OrDefault(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return Default;
        }

        return IsValid(name)
            ? name
            : throw new InvalidCollectionNameException($"'{Shown(name)}' is not a valid collection name: use {Rule} (for example 'default' or 'team-docs').");
    }

    /// <summary>A bad name is echoed in a message shortened and without control characters.</summary>
    private static string Shown(string name)
    {
        var printable = new string([.. name.Where(c => !char.IsControl(c))]);
        return printable.Length <= 80 ? printable : printable[..80] + "…";
    }

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9_-]{0,63}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
