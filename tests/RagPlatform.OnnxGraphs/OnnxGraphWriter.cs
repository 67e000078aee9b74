using Google.Protobuf;

namespace RagPlatform.OnnxGraphs;

/// <summary>Writes a graph as an ONNX ModelProto file in protobuf wire format, with no dependency on
/// onnx's generated classes: Google.Protobuf's <see cref="CodedOutputStream"/> does the tags,
/// varints and lengths; the field numbers are those of onnx/onnx's onnx.proto.</summary>
public static class OnnxGraphWriter
{
    /// <summary>IR version 8 is the one that goes with opset 17 (ONNX 1.12).</summary>
    public const long IrVersion = 8;

    public const long OpsetVersion = 17;

    // Field numbers of ModelProto and OperatorSetIdProto in onnx.proto.
    private const int IrVersionField = 1;
    private const int ProducerNameField = 2;
    private const int ProducerVersionField = 3;
    private const int DocStringField = 6;
    private const int GraphField = 7;
    private const int OpsetImportField = 8;
    private const int OpsetDomainField = 1;
    private const int OpsetVersionField = 2;

    private const string ProducerName = "RagPlatform.Benchmarks";
    private const string ProducerVersion = "1";

    /// <summary>Writes to a temporary file next to <paramref name="path"/> and renames it, so a
    /// cancelled or failed write never leaves a truncated model behind.</summary>
    public static async Task WriteAsync(OnnxGraph graph, string path, string docString, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous);
            await using (stream.ConfigureAwait(false))
            {
                // CodedOutputStream is synchronous; the model is built in memory first, so the
                // write itself is one sequential pass that runs off the caller's thread.
                await Task.Run(() => Write(graph, stream, docString), cancellationToken).ConfigureAwait(false);
                await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void Write(OnnxGraph graph, Stream stream, string docString)
    {
        using var output = new CodedOutputStream(stream, 1 << 20, leaveOpen: true);
        ProtoField.WriteInt64(output, IrVersionField, IrVersion);
        ProtoField.WriteString(output, ProducerNameField, ProducerName);
        ProtoField.WriteString(output, ProducerVersionField, ProducerVersion);
        ProtoField.WriteString(output, DocStringField, docString);

        // The default ONNX domain is the empty string.
        var opsetSize = ProtoField.StringSize(OpsetDomainField, string.Empty) + ProtoField.Int64Size(OpsetVersionField, OpsetVersion);
        output.WriteTag(OpsetImportField, WireFormat.WireType.LengthDelimited);
        output.WriteLength(opsetSize);
        ProtoField.WriteString(output, OpsetDomainField, string.Empty);
        ProtoField.WriteInt64(output, OpsetVersionField, OpsetVersion);

        ProtoField.WriteMessage(output, GraphField, graph);
        output.Flush();
    }
}
