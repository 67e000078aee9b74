using RagPlatform.Infrastructure.Onnx;
using RagPlatform.OnnxGraphs;
using RagPlatform.OnnxGraphs.Quantization;

namespace RagPlatform.Infrastructure.Tests.Onnx;

/// <summary>The minimal protobuf walk finds what a generated model holds, where it holds it.</summary>
public sealed class OnnxProtoReaderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "onnx-proto-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task The_walker_finds_every_node_and_initializer_of_a_generated_graph_where_it_is()
    {
        var graph = DynamicQuantizer.Quantize(VisionShapedGraph.Build(), DynamicQuantization.TransformersJs(graphHasConv: true));
        var path = Path.Combine(_folder, "model.onnx");
        await OnnxGraphWriter.WriteAsync(graph, path, "proto reader test", TestContext.Current.CancellationToken);
        var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);

        var layout = OnnxProtoReader.Read(bytes);

        Assert.Equal(graph.Nodes.Select(node => (node.OpType, string.Join(',', node.Inputs))),
            layout.Nodes.Select(node => (node.OpType, string.Join(',', node.Inputs))));
        Assert.All(layout.Nodes, node => Assert.True(node.IsStandard && !node.HasSubgraph));
        Assert.Equal([VisionShapedGraph.Output], layout.GraphOutputs);
        Assert.Equal(graph.Initializers.Count, layout.Initializers.Count);
        foreach (var (tensor, found) in graph.Initializers.Zip(layout.Initializers))
        {
            Assert.Equal((tensor.Name, (int)tensor.ElementType, false), (found.Name, found.DataType, found.HasDataElsewhere));
            Assert.Equal(tensor.Dims, found.Dims);
            Assert.Equal(tensor.RawData, bytes.AsSpan(found.RawDataOffset, found.RawDataLength).ToArray());
            Assert.Equal((int)tensor.ElementType, bytes[found.DataTypeOffset]);
        }
    }

    [Fact]
    public void Bytes_cut_off_inside_a_field_are_not_a_model()
    {
        // ModelProto field 7 (graph), length 100, then only 2 bytes.
        byte[] bytes = [(7 << 3) | 2, 100, 1, 2];

        Assert.Throws<InvalidDataException>(() => OnnxProtoReader.Read(bytes));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
