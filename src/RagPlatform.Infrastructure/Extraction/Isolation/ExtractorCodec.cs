using System.Text;
using System.Text.Json;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;

namespace RagPlatform.Infrastructure.Extraction.Isolation;

/// <summary>Binary encoding of requests and responses (one message per frame): a type byte, then
/// fields as <see cref="BinaryWriter"/> writes them. Settings travel as JSON, so a new setting needs
/// no protocol change.</summary>
internal static class ExtractorCodec
{
    private const byte OpenType = 1;
    private const byte PageType = 2;
    private const byte CloseType = 3;
    private const byte OpenedType = 1;
    private const byte PageReadType = 2;
    private const byte RejectedType = 3;
    private const byte FailedType = 4;
    private const byte ClosedType = 5;

    public static byte[] Encode(ExtractorRequest request) => Write(writer =>
    {
        switch (request)
        {
            case ExtractorRequest.Open open:
                writer.Write(OpenType);
                writer.Write(open.Path);
                writer.Write((int)open.Kind);
                writer.Write(JsonSerializer.Serialize(open.Settings));
                writer.Write(open.ScreenMaxPixels);
                break;
            case ExtractorRequest.Page page:
                writer.Write(PageType);
                writer.Write(page.Number);
                break;
            case ExtractorRequest.Close:
                writer.Write(CloseType);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(request), request, "Unknown request.");
        }
    });

    public static ExtractorRequest DecodeRequest(byte[] payload) => Read<ExtractorRequest>(payload, reader => reader.ReadByte() switch
    {
        OpenType => new ExtractorRequest.Open(
            reader.ReadString(),
            (DocumentKind)reader.ReadInt32(),
            JsonSerializer.Deserialize<ExtractionOptions>(reader.ReadString()) ?? throw new InvalidDataException("No settings."),
            reader.ReadInt64()),
        PageType => new ExtractorRequest.Page(reader.ReadInt32()),
        CloseType => new ExtractorRequest.Close(),
        var type => throw new InvalidDataException($"Unknown request type {type}."),
    });

    public static byte[] Encode(ExtractorResponse response) => Write(writer =>
    {
        switch (response)
        {
            case ExtractorResponse.Opened opened:
                writer.Write(OpenedType);
                writer.Write(opened.PageCount);
                writer.Write(opened.Title is not null);
                if (opened.Title is not null)
                {
                    writer.Write(opened.Title);
                }

                break;
            case ExtractorResponse.PageRead read:
                writer.Write(PageReadType);
                WritePage(writer, read.Page);
                WriteParts(writer, read.Parts ?? []);
                break;
            case ExtractorResponse.Rejected rejected:
                writer.Write(RejectedType);
                writer.Write(rejected.Reason);
                break;
            case ExtractorResponse.Failed failed:
                writer.Write(FailedType);
                writer.Write(failed.Reason);
                break;
            case ExtractorResponse.Closed closed:
                writer.Write(ClosedType);
                writer.Write(closed.Reusable);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(response), response, "Unknown response.");
        }
    });

    public static ExtractorResponse DecodeResponse(byte[] payload) => Read<ExtractorResponse>(payload, reader => reader.ReadByte() switch
    {
        OpenedType => new ExtractorResponse.Opened(reader.ReadInt32(), reader.ReadBoolean() ? reader.ReadString() : null),
        PageReadType => new ExtractorResponse.PageRead(ReadPage(reader), ReadParts(reader)),
        RejectedType => new ExtractorResponse.Rejected(reader.ReadString()),
        FailedType => new ExtractorResponse.Failed(reader.ReadString()),
        ClosedType => new ExtractorResponse.Closed(reader.ReadBoolean()),
        var type => throw new InvalidDataException($"Unknown response type {type}."),
    });

    private static void WritePage(BinaryWriter writer, ExtractedPage page)
    {
        writer.Write(page.Number);
        writer.Write(page.Width);
        writer.Write(page.Height);
        WriteWords(writer, page.Words);
        WriteWords(writer, page.AnnotationWords);

        writer.Write(page.Images.Count);
        foreach (var image in page.Images)
        {
            WriteImage(writer, image.Image);
            WriteRegion(writer, image.Box);
        }

        WriteImage(writer, page.Render);
    }

    private static ExtractedPage ReadPage(BinaryReader reader)
    {
        var (number, width, height) = (reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble());
        var (words, annotationWords) = (ReadWords(reader), ReadWords(reader));

        var images = new ExtractedImage[Count(reader)];
        for (var i = 0; i < images.Length; i++)
        {
            images[i] = new ExtractedImage(ReadImage(reader), ReadRegion(reader));
        }

        return new ExtractedPage(number, width, height, words, images, ReadImage(reader)) { AnnotationWords = annotationWords };
    }

    private static void WriteParts(BinaryWriter writer, IReadOnlyList<PartTiming> parts)
    {
        writer.Write(parts.Count);
        foreach (var part in parts)
        {
            writer.Write(part.Name);
            writer.Write(part.Duration.Ticks);
        }
    }

    private static PartTiming[] ReadParts(BinaryReader reader)
    {
        var parts = new PartTiming[Count(reader)];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = new PartTiming(reader.ReadString(), TimeSpan.FromTicks(reader.ReadInt64()));
        }

        return parts;
    }

    private static void WriteWords(BinaryWriter writer, IReadOnlyList<ExtractedWord> words)
    {
        writer.Write(words.Count);
        foreach (var word in words)
        {
            writer.Write(word.Text);
            WriteRegion(writer, word.Box);
            writer.Write(word.Block);
        }
    }

    private static ExtractedWord[] ReadWords(BinaryReader reader)
    {
        var words = new ExtractedWord[Count(reader)];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = new ExtractedWord(reader.ReadString(), ReadRegion(reader), reader.ReadInt32());
        }

        return words;
    }

    private static void WriteImage(BinaryWriter writer, EncodedImage image)
    {
        writer.Write(image.MediaType);
        writer.Write(image.PixelWidth);
        writer.Write(image.PixelHeight);
        writer.Write(image.Data.Length);
        writer.Write(image.Data.Span);
    }

    private static EncodedImage ReadImage(BinaryReader reader)
    {
        var (mediaType, width, height) = (reader.ReadString(), reader.ReadInt32(), reader.ReadInt32());
        var data = reader.ReadBytes(Count(reader));
        return new EncodedImage(data, mediaType, width, height);
    }

    private static void WriteRegion(BinaryWriter writer, Region region)
    {
        writer.Write(region.X);
        writer.Write(region.Y);
        writer.Write(region.Width);
        writer.Write(region.Height);
    }

    private static Region ReadRegion(BinaryReader reader) =>
        new(reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());

    /// <summary>A count or length, checked against the bytes left so that a damaged frame fails
    /// here instead of allocating what it claims.</summary>
    private static int Count(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        return count >= 0 && count <= reader.BaseStream.Length - reader.BaseStream.Position
            ? count
            : throw new InvalidDataException($"A frame declares {count} entries or bytes; it holds fewer.");
    }

    private static byte[] Write(Action<BinaryWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    private static T Read<T>(byte[] payload, Func<BinaryReader, T> read)
    {
        using var reader = new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
        var message = read(reader);
        return reader.BaseStream.Position == payload.Length
            ? message
            : throw new InvalidDataException("A frame holds more than its message.");
    }
}
