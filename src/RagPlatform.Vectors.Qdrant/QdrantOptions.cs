using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace RagPlatform.Vectors.Qdrant;

/// <summary>The "Qdrant" section: the server the vector indexes live on (server mode).</summary>
public sealed class QdrantOptions : IValidatableObject
{
    public const string SectionName = "Qdrant";

    /// <summary>The server's gRPC address, e.g. <c>http://localhost:6334</c>; an https address
    /// encrypts the connection.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Url { get; set; } = "";

    /// <summary>Sent as the <c>api-key</c> header on every call; null for a server without one.</summary>
    public string? ApiKey { get; set; }

    /// <summary>SHA-256 thumbprint (hex, colons or hyphens allowed) of a self-signed server
    /// certificate to trust; https only. Null trusts what the machine trusts.</summary>
    public string? CertificateThumbprint { get; set; }

    /// <summary>Start of the collection and alias names (<c>rag</c> gives <c>rag_clip</c> and
    /// <c>rag_text</c>), so several deployments can share one server.</summary>
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_-]{0,47}$",
        ErrorMessage = "Qdrant:CollectionPrefix must be 1 to 48 letters, digits, '_' or '-', starting with a letter or digit.")]
    public string CollectionPrefix { get; set; } = "rag";

    /// <summary>Deadline of one call to the server, in seconds.</summary>
    [Range(1, 3600)]
    public int TimeoutSeconds { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            yield return new ValidationResult(
                string.Create(CultureInfo.InvariantCulture, $"Qdrant:Url must be an absolute http or https address such as http://localhost:6334, not '{Url}'."),
                [nameof(Url)]);
            yield break;
        }

        if (CertificateThumbprint is null)
        {
            yield break;
        }

        if (url.Scheme != Uri.UriSchemeHttps)
        {
            yield return new ValidationResult("Qdrant:CertificateThumbprint needs an https Qdrant:Url.", [nameof(CertificateThumbprint)]);
        }
        else if (NormalizedThumbprint(CertificateThumbprint) is not { Length: 64 } hex || !hex.All(char.IsAsciiHexDigit))
        {
            yield return new ValidationResult(
                "Qdrant:CertificateThumbprint must be the certificate's SHA-256 thumbprint: 64 hexadecimal digits, optionally separated by ':' or '-'.",
                [nameof(CertificateThumbprint)]);
        }
    }

    private static string NormalizedThumbprint(string thumbprint) =>
        thumbprint.Replace(":", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
}
