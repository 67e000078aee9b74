using Microsoft.ML.Tokenizers;

namespace RagPlatform.Infrastructure.Onnx;

/// <summary>Loads a BERT <c>vocab.txt</c> into Microsoft.ML.Tokenizers' <see cref="BertTokenizer"/>
/// with the settings Hugging Face's tokenizers use for it.</summary>
internal static class WordPieceVocabulary
{
    /// <exception cref="InvalidDataException">The vocabulary cannot be read or lacks BERT's special tokens.</exception>
    public static BertTokenizer Load(string vocabularyPath, bool lowerCase)
    {
        try
        {
            // Hugging Face strips accents exactly when it lower-cases (strip_accents: null).
            var options = new BertOptions { LowerCaseBeforeTokenization = lowerCase, RemoveNonSpacingMarks = lowerCase };
            return BertTokenizer.Create(vocabularyPath, options);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidDataException($"{Path.GetFileName(vocabularyPath)} is not a usable WordPiece vocabulary: {exception.Message}", exception);
        }
    }
}
