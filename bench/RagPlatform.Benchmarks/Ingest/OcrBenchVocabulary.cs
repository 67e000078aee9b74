namespace RagPlatform.Benchmarks.Ingest;

/// <summary>Words the generated OCR images are made of: ordinary English words (a dictionary-based
/// engine such as tesseract is not put at a disadvantage by made-up strings), names and numbers.</summary>
internal sealed class OcrBenchVocabulary(Random random)
{
    private static readonly string[] Common =
    [
        "annual", "budget", "review", "revenue", "growth", "market", "share", "region", "north", "south", "east", "west",
        "central", "users", "active", "monthly", "weekly", "sales", "orders", "returns", "customers", "product", "service",
        "support", "account", "settings", "privacy", "security", "network", "storage", "backup", "report", "summary",
        "forecast", "quarter", "results", "target", "average", "median", "total", "profit", "margin", "costs", "income",
        "staff", "office", "travel", "energy", "water", "rainfall", "traffic", "visitors", "members", "committee",
        "meeting", "agreed", "publish", "accounts", "before", "after", "during", "between", "spending", "maintenance",
        "treasurer", "reserve", "fund", "April", "March", "January", "October", "December", "London", "Zurich", "Berlin",
        "Madrid", "Paris", "Vienna", "document", "invoice", "payment", "delivery", "shipping", "working", "days", "hours",
        "minutes", "saved", "changes", "cancel", "export", "import", "upload", "download", "shared", "recent", "files",
        "folder", "project", "dashboard", "profile", "language", "display", "email", "address", "phone", "status",
        "pending", "approved", "rejected", "open", "closed", "draft", "final", "version", "release", "update", "history",
    ];

    public string Word() => Common[random.Next(Common.Length)];

    public string Phrase(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => Word()));

    public string Title(int words)
    {
        var phrase = Phrase(words);
        return char.ToUpperInvariant(phrase[0]) + phrase[1..];
    }

    public int Number(int min, int max) => random.Next(min, max);

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
