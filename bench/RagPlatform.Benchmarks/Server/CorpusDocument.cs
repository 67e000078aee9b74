using RagPlatform.Core.Search;

namespace RagPlatform.Benchmarks.Server;

/// <summary>One generated document of the lexical corpus: its chunk and page entries.</summary>
internal sealed record CorpusDocument(Guid Id, string FileName, IReadOnlyList<LexicalEntry> Entries);
