namespace RagPlatform.Infrastructure.Tests.Reranking;

/// <summary>BERT's uncased vocabulary and reference tokenisations, copied from tests/fixtures/reranker.</summary>
internal static class RerankerFixtures
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "fixtures", "reranker");

    public static string Vocabulary { get; } = Path.Combine(Root, "vocab.txt");

    public static string ReferenceTokens { get; } = Path.Combine(Root, "reference-tokens.jsonl");

    /// <summary>The id of a whole word in the vocabulary: its line number, read independently of the tokenizer under test.</summary>
    public static int IdOf(string piece) => Array.IndexOf(File.ReadAllLines(Vocabulary), piece) is var id and >= 0
        ? id
        : throw new ArgumentException($"'{piece}' is not in the vocabulary.", nameof(piece));

    public static int VocabularySize => File.ReadAllLines(Vocabulary).Length;
}
