namespace RagPlatform.Core.Search;

/// <summary>The outcome of <see cref="LineMatchedCharacterErrorRate.Compute"/>.</summary>
/// <param name="Edits">Character edits: distances of paired lines plus the lengths of unpaired ones.</param>
/// <param name="ReferenceCharacters">Characters of the normalised reference lines: the denominator.</param>
/// <param name="Lines">Every reference line with the read line paired to it (or null), then every
/// unpaired read line (with a null reference).</param>
public sealed record LineMatchedErrors(int Edits, int ReferenceCharacters, IReadOnlyList<MatchedLine> Lines)
{
    /// <summary>Edits per reference character; 0 when both sides are empty, 1 when only the
    /// reference is (as <see cref="CharacterErrorRate.Compute"/>).</summary>
    public double Rate => ReferenceCharacters == 0 ? (Edits == 0 ? 0 : 1) : (double)Edits / ReferenceCharacters;
}
