using RagPlatform.Infrastructure.Ocr.Folding;

namespace RagPlatform.Infrastructure.Ocr.Quantization;

/// <summary>The DB head's two 2 × 2, stride-2 ConvTranspose layers (with a Relu between; their bias and
/// BatchNormalization already folded in by <see cref="BatchNormFolding"/>) touch no pixel twice, so
/// together they map each quarter-resolution pixel on its own to a 4 × 4 block of the output. Written as
/// two 1 × 1 convolutions at quarter resolution (C → 4 · C' with the Relu, then → 16 · C'' values per
/// pixel, one per output position and channel) and a DepthToSpace of block 4, the work stays at a quarter
/// of the input's resolution until the one-channel map: ONNX Runtime's ConvTranspose (an im2col GEMM and
/// col2im pass at half resolution) was the int8 detector's largest float node. Exact up to float rounding.</summary>
internal static class TransposedHeadFolding
{
    private const int Block = 2;

    /// <summary>The model with its ConvTranspose pairs rewritten (as given when none).</summary>
    public static byte[] Apply(byte[] model)
    {
        if (FoldableGraph.Read(model) is not { } graph)
        {
            return model;
        }

        var additions = new GraphAdditions();
        return Apply(graph, additions) == 0 ? model : additions.AppendTo(graph.Write(), domain: null);
    }

    /// <returns>How many ConvTranspose pairs were rewritten (0 or 1 in PP-OCRv4's detector).</returns>
    public static int Apply(FoldableGraph graph, GraphAdditions additions)
    {
        var rewritten = 0;
        foreach (var first in graph.Nodes.Where(node => node is { OpType: "ConvTranspose", Removed: false }).ToList())
        {
            if (!IsBlockUpsampling(graph, first) || graph.OnlyReader(first.Outputs[0]) is not { OpType: "Relu" } relu
                || graph.OnlyReader(relu.Outputs[0]) is not { OpType: "ConvTranspose" } second || !IsBlockUpsampling(graph, second))
            {
                continue;
            }

            var (w1, w2) = (graph.Constants.Floats(first.Inputs[1]), graph.Constants.Floats(second.Inputs[1]));
            var (b1, b2) = (graph.Constants.Floats(first.Inputs[2]), graph.Constants.Floats(second.Inputs[2]));
            var (inputs, middle, outputs) = ((int)graph.Constants.Dims(first.Inputs[1])[0], (int)graph.Constants.Dims(first.Inputs[1])[1], (int)graph.Constants.Dims(second.Inputs[1])[1]);
            if (graph.Constants.Dims(second.Inputs[1])[0] != middle)
            {
                continue;
            }

            var name = second.Outputs[0] + "_block";

            // The first layer: channel (a · 2 + b) · middle + m holds output position (a, b) of channel m.
            var spread = Block * Block * middle;
            var wa = new float[spread * inputs];
            var ba = new float[spread];
            for (var position = 0; position < Block * Block; position++)
            {
                for (var m = 0; m < middle; m++)
                {
                    var channel = (position * middle) + m;
                    ba[channel] = b1[m];
                    for (var i = 0; i < inputs; i++)
                    {
                        wa[(channel * inputs) + i] = w1[(((i * middle) + m) * Block * Block) + position];
                    }
                }
            }

            // The second: channel ((2a + c) · 4 + (2b + d)) · outputs + o, as DepthToSpace (DCR) lays out
            // block row 2a + c, block column 2b + d of output channel o; it reads the first's (a, b) channels.
            const int Side = Block * Block;
            var blocks = Side * Side * outputs;
            var wb = new float[blocks * spread];
            var bb = new float[blocks];
            for (var a = 0; a < Block; a++)
            {
                for (var b = 0; b < Block; b++)
                {
                    for (var c = 0; c < Block; c++)
                    {
                        for (var d = 0; d < Block; d++)
                        {
                            for (var o = 0; o < outputs; o++)
                            {
                                var channel = (((((Block * a) + c) * Side) + (Block * b) + d) * outputs) + o;
                                bb[channel] = b2[o];
                                for (var m = 0; m < middle; m++)
                                {
                                    wb[(channel * spread) + (((a * Block) + b) * middle) + m] = w2[(((m * outputs) + o) * Block * Block) + (c * Block) + d];
                                }
                            }
                        }
                    }
                }
            }

            additions.Initializer<float>(name + "_wa", [spread, inputs, 1, 1], GraphAdditions.FloatType, wa);
            additions.Initializer<float>(name + "_ba", [spread], GraphAdditions.FloatType, ba);
            additions.Initializer<float>(name + "_wb", [blocks, spread, 1, 1], GraphAdditions.FloatType, wb);
            additions.Initializer<float>(name + "_bb", [blocks], GraphAdditions.FloatType, bb);
            // Named apart from their outputs: a quantised convolution's output is then written by its DequantizeLinear, named after it.
            additions.Node("Conv", [first.Inputs[0], name + "_wa", name + "_ba"], name + "_spread", domain: string.Empty, name: name + "_spread_conv");
            relu.Inputs[0] = name + "_spread";
            additions.Node("Conv", [relu.Outputs[0], name + "_wb", name + "_bb"], name, domain: string.Empty, name: name + "_conv");
            additions.Node("DepthToSpace", [name], second.Outputs[0], domain: string.Empty, ("blocksize", Side));
            first.Removed = true;
            second.Removed = true;
            rewritten++;
        }

        return rewritten;
    }

    /// <summary>A ConvTranspose whose kernel equals its stride (2 × 2, stride 2), with a bias, no padding,
    /// one group and no dilation: each input pixel writes its own 2 × 2 block.</summary>
    private static bool IsBlockUpsampling(FoldableGraph graph, FoldableNode node) =>
        node.Inputs.Count == 3 && node.Outputs.Count == 1
        && graph.Constants.Contains(node.Inputs[1]) && graph.Constants.Dims(node.Inputs[1]) is [_, _, Block, Block]
        && graph.Constants.Contains(node.Inputs[2]) && graph.Constants.Dims(node.Inputs[2]) is [var channels] && channels == graph.Constants.Dims(node.Inputs[1])[1]
        && (graph.IntAttribute(node, "group") ?? 1) == 1
        && graph.IntsAttribute(node, "strides") is [Block, Block]
        && graph.IntsAttribute(node, "pads").All(pad => pad == 0)
        && graph.IntsAttribute(node, "output_padding").All(pad => pad == 0)
        && graph.IntsAttribute(node, "dilations").All(dilation => dilation == 1)
        && graph.IntsAttribute(node, "kernel_shape") is [] or [Block, Block]
        && !node.Attributes.ContainsKey("output_shape") && !node.Attributes.ContainsKey("auto_pad");
}
