using Microsoft.Extensions.Configuration;
using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Benchmarks.Ingest;

/// <summary>A row of `ingest-ocr` with settings of its own (`--variant "name:Key=Value,Key=Value"`,
/// keys of the <c>Ocr</c> section), measured beside the defaults in the same run so that a change is
/// compared under the same load.</summary>
internal sealed record OcrVariant(string Name, IReadOnlyDictionary<string, string?> Settings)
{
    /// <exception cref="ArgumentException">Not <c>name:Key=Value[,Key=Value]</c>.</exception>
    public static OcrVariant Parse(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            throw new ArgumentException($"--variant \"{text}\": expected name:Key=Value,Key=Value.", nameof(text));
        }

        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in text[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"--variant \"{text}\": \"{pair}\" is not Key=Value.", nameof(text));
            }

            settings[pair[..equals]] = pair[(equals + 1)..];
        }

        return new OcrVariant(text[..colon].Trim(), settings);
    }

    /// <summary>The given options with this variant's settings bound over them, as the host binds
    /// the <c>Ocr</c> section.</summary>
    public OcrOptions Apply(OcrOptions options)
    {
        new ConfigurationBuilder().AddInMemoryCollection(Settings).Build().Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        return options;
    }
}
