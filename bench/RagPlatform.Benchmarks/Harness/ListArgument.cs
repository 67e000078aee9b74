using System.Globalization;

namespace RagPlatform.Benchmarks.Harness;

/// <summary>Parses list options written either way: "--sizes 10k,100k,1M" or "--sizes 10000 100000".
/// Numbers may end in k or M (thousands, millions).</summary>
internal static class ListArgument
{
    public static IReadOnlyList<string> Names(IEnumerable<string>? values) =>
        [.. (values ?? []).SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    public static IReadOnlyList<int> Numbers(IEnumerable<string>? values, IReadOnlyList<int> defaults)
    {
        var names = Names(values);
        return names.Count == 0 ? defaults : [.. names.Select(Number)];
    }

    private static int Number(string text)
    {
        var multiplier = text[^1] switch
        {
            'k' or 'K' => 1_000,
            'm' or 'M' => 1_000_000,
            _ => 1,
        };
        var digits = multiplier == 1 ? text : text[..^1];
        if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0 || value > int.MaxValue / multiplier)
        {
            throw new ArgumentException($"'{text}' is not a positive whole number (k and M suffixes allowed).");
        }

        return value * multiplier;
    }
}
