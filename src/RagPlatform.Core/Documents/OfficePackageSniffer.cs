using System.IO.Compression;
using System.Text;

namespace RagPlatform.Core.Documents;

/// <summary>Recognises Office Open XML packages (DOCX, PPTX) by what their <c>[Content_Types].xml</c>
/// says the main part is and where it lies, never by the file name: a ZIP of anything else is not
/// a document.</summary>
internal static class OfficePackageSniffer
{
    // The content types part is a few kilobytes; a bigger one is not worth reading to find out.
    private const int MaxContentTypesBytes = 256 * 1024;

    public static DetectedMediaType? Detect(Stream package)
    {
        try
        {
            using var zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
            var entry = zip.GetEntry("[Content_Types].xml");
            if (entry is null || entry.Length > MaxContentTypesBytes)
            {
                return null;
            }

            var contentTypes = ReadAll(entry);
            if (Names(contentTypes, "/word/", "wordprocessingml.document.main+xml") && HasPart(zip, "word/"))
            {
                return MediaTypeSniffer.WordDocument;
            }

            if (Names(contentTypes, "/ppt/", "presentationml.presentation.main+xml") && HasPart(zip, "ppt/"))
            {
                return MediaTypeSniffer.Presentation;
            }

            return null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static string ReadAll(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        var buffer = new byte[MaxContentTypesBytes];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        return Encoding.UTF8.GetString(buffer, 0, read);
    }

    /// <summary>The content types name a part under <paramref name="folder"/> with the main content type.</summary>
    private static bool Names(string contentTypes, string folder, string mainType) =>
        contentTypes.Contains($"PartName=\"{folder}", StringComparison.OrdinalIgnoreCase)
        && contentTypes.Contains(mainType, StringComparison.OrdinalIgnoreCase);

    private static bool HasPart(ZipArchive zip, string folder) =>
        zip.Entries.Any(e => e.FullName.StartsWith(folder, StringComparison.OrdinalIgnoreCase));
}
