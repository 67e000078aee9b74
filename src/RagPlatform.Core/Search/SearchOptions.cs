using System.ComponentModel.DataAnnotations;

namespace RagPlatform.Core.Search;

/// <summary>Settings of the query side (appsettings section <c>Search</c>).</summary>
public sealed class SearchOptions : IValidatableObject
{
    public const string Section = "Search";

    [Range(1, 1000)]
    public int DefaultLimit { get; set; } = 20;

    [Range(1, 1000)]
    public int MaxLimit { get; set; } = 100;

    /// <summary>Longest accepted text query, in characters.</summary>
    [Range(1, 100_000)]
    public int MaxQueryLength { get; set; } = 2000;

    /// <summary>The k of reciprocal rank fusion, 1 / (k + rank): larger k flattens the head of each list.
    /// 60 is the value of the original paper (Cormack et al., 2009).</summary>
    [Range(1, 10_000)]
    public int RrfK { get; set; } = 60;

    /// <summary>Candidates taken from each retriever per requested hit before fusion.</summary>
    [Range(1, 100)]
    public int CandidatesPerHit { get; set; } = 3;

    /// <summary>Weighted (calibrated scores, the default) or Rrf (ranks only). Weighted won wherever it
    /// was measured: on the real manuals with a real sentence encoder in the text space, the answering
    /// page first for 0.900 of the questions against 0.800 with Rrf (eval/manuals/README.md); on the
    /// generated dataset with the tiny test CLIP model, at least as good for every query kind
    /// (eval/README.md). Rrf gives a weak dense list as much say as a confident BM25.</summary>
    [EnumDataType(typeof(FusionMethod))]
    public FusionMethod Fusion { get; set; } = FusionMethod.Weighted;

    /// <summary>Weight of the calibrated dense score (0..1) in weighted fusion.</summary>
    [Range(0.0, 100.0)]
    public double DenseWeight { get; set; } = 0.5;

    /// <summary>Weight of the normalised BM25 (0..1) in weighted fusion.</summary>
    [Range(0.0, 100.0)]
    public double LexicalWeight { get; set; } = 0.5;

    /// <summary>Vectors sampled from the collection to estimate the dense calibration; the estimate
    /// costs sample² dot products.</summary>
    [Range(16, 4096)]
    public int CalibrationSampleSize { get; set; } = 512;

    /// <summary>Weight of the BM25 of words as written, added to the BM25 of their stems: 0 makes
    /// "writing" and "write" equal for a query "write"; the default 1 puts exact matches first.</summary>
    [Range(0.0, 10.0)]
    public double ExactMatchWeight { get; set; } = 1.0;

    /// <summary>BM25 weight of the words that name a document (file name, PDF title) against 1 for
    /// its text: a query naming a document finds its first page without drowning its content.</summary>
    [Range(0.0, 10.0)]
    public double FieldWeight { get; set; } = 0.5;

    /// <summary>Share of the page-level BM25 (the page's whole text, normalised by the query's best
    /// page) blended into each text chunk's normalised BM25, so that a page holding every word of
    /// the question beats a short chunk that matches one word.</summary>
    [Range(0.0, 10.0)]
    public double PageScoreWeight { get; set; } = 0.3;

    /// <summary>Share of the BM25 of the section headings a chunk holds (normalised by the query's best
    /// heading match) blended into its score, so that the page where a section named by the question
    /// starts beats pages that only mention its words.</summary>
    [Range(0.0, 10.0)]
    public double HeadingWeight { get; set; } = 0.2;

    /// <summary>Factor applied to the score of hits on a table of contents or a back-of-book index
    /// (recognised at ingestion), so that the page they point to ranks first; 1 turns it off.</summary>
    [Range(0.0, 1.0)]
    public double NavigationPageFactor { get; set; } = 0.5;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Fusion == FusionMethod.Weighted && DenseWeight + LexicalWeight <= 0)
        {
            yield return new ValidationResult(
                "Search:DenseWeight and Search:LexicalWeight are both 0: weighted fusion needs at least one positive weight.",
                [nameof(DenseWeight), nameof(LexicalWeight)]);
        }
    }
}
