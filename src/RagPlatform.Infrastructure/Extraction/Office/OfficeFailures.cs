using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Infrastructure.Extraction.Office;

/// <summary>Turns what a damaged package throws while it is read into the reason a user sees.</summary>
internal static class OfficeFailures
{
    public static T Read<T>(string format, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (Exception ex) when (ex is OpenXmlPackageException or InvalidDataException or XmlException or IOException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new DocumentRejectedException($"The {format} file is damaged and cannot be read: {ex.Message}", ex);
        }
    }
}
