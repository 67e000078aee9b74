using DocumentFormat.OpenXml.Packaging;
using Microsoft.Extensions.Options;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Extraction.Flow;
using P = DocumentFormat.OpenXml.Presentation;

namespace RagPlatform.Infrastructure.Extraction.Office;

/// <summary>Opens a PPTX (with DocumentFormat.OpenXml, after <see cref="PackageLimits"/>): one page
/// per slide in the presentation's order, so a hit's page number is its slide number.</summary>
internal sealed class PresentationExtractor(IOptions<ExtractionOptions> options) : IDocumentExtractor
{
    public async Task<IExtractedDocument> OpenAsync(string originalPath, DocumentKind kind, CancellationToken cancellationToken)
    {
        if (kind != DocumentKind.Presentation)
        {
            throw new ArgumentException($"{nameof(PresentationExtractor)} opens PPTX; a {kind} document needs its own extractor.", nameof(kind));
        }

        var settings = options.Value;
        var slides = await Task.Run(
            () =>
            {
                PackageLimits.Check(originalPath, settings, "PPTX");
                return OfficeFailures.Read("PPTX", () =>
                {
                    using var document = PresentationDocument.Open(originalPath, isEditable: false);
                    var presentation = document.PresentationPart ?? throw new InvalidDataException("The package has no presentation part.");
                    var ids = presentation.Presentation?.SlideIdList?.Elements<P.SlideId>() ?? [];
                    return ids.Select(id => (IReadOnlyList<FlowBlock>)SlideBlocks.Read((SlidePart)presentation.GetPartById(id.RelationshipId!.Value!))).ToList();
                });
            },
            cancellationToken).ConfigureAwait(false);
        return FlowDocuments.Open(slides, settings);
    }
}
