using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using RagPlatform.Core.Documents;
using RagPlatform.Core.Ingestion;
using RagPlatform.Infrastructure.Ocr;
using RagPlatform.Infrastructure.Ocr.Folding;
using RagPlatform.Infrastructure.Ocr.Quantization;
using RagPlatform.OnnxGraphs;
using SkiaSharp;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>The recogniser's CTC head fused with the decoder's best-class search (<see cref="OcrOptions.FusedCtcHead"/>):
/// the library's operator (src/native/ctchead.c, built by scripts/build-native.sh and copied beside the tests) against
/// ONNX Runtime's MatMulIntegerToFloat on the real network, and the recogniser reading real images with and without it.</summary>
public sealed class FusedCtcHeadTests : IDisposable
{
    private readonly GeneratedGraphFolder _folder = new();

    [Fact]
    public async Task Tied_maxima_give_the_first_class_and_padding_and_short_blocks_are_exact()
    {
        // 40 classes (not a multiple of 16), 19 steps a line (not a multiple of the 8 a block), an input zero point of 3;
        // classes 7, 23 and 38 have the same weights, scale and bias, so their logits are equal wherever they win.
        const int lines = 3, steps = 19, k = 8, classes = 40;
        var random = new Random(15);
        var weights = new byte[k * classes];
        var (scales, biases) = (OnnxTensor.Floats("b_scale", classes), OnnxTensor.Floats("bias", classes));
        for (var c = 0; c < classes; c++)
        {
            scales.FloatData[c] = 0.005f + (0.015f * random.NextSingle());
            biases.FloatData[c] = (2 * random.NextSingle()) - 1;
            for (var i = 0; i < k; i++)
            {
                weights[(i * classes) + c] = unchecked((byte)(sbyte)random.Next(-20, 21));
            }
        }

        var tied = Enumerable.Range(0, k).Select(i => (sbyte)((i < k / 2 ? 1 : -1) * random.Next(60, 128))).ToArray();
        foreach (var c in (int[])[7, 23, 38])
        {
            (scales.FloatData[c], biases.FloatData[c]) = (scales.FloatData[7], biases.FloatData[7]);
            for (var i = 0; i < k; i++)
            {
                weights[(i * classes) + c] = unchecked((byte)tied[i]);
            }
        }

        var graph = new OnnxGraphBuilder("head");
        var x = graph.Input("x", OnnxElementType.UInt8, lines, steps, k);
        graph.Output("logits", OnnxElementType.Float, lines, steps, classes);
        graph.Node("MatMulIntegerToFloat", [x, graph.Constant(OnnxTensor.Bytes("w", OnnxElementType.Int8, [k, classes], weights)), graph.FloatScalar(0.02f),
            graph.Constant(scales), graph.Constant(OnnxTensor.Bytes("a_zero", OnnxElementType.UInt8, [], [3])),
            graph.Constant(OnnxTensor.Bytes("b_zero", OnnxElementType.Int8, [classes], new byte[classes])), graph.Constant(biases)], output: "logits");
        var standard = FoldableGraph.Read(await _folder.WriteAsync(graph.Build()))!;
        standard.Nodes.Single().ReplacementDomain = GraphAdditions.MicrosoftDomain;
        var unfusedModel = new GraphAdditions().AppendTo(standard.Write(), GraphAdditions.MicrosoftDomain);
        var input = new byte[lines * steps * k];
        random.NextBytes(input);

        using var unfused = Session(unfusedModel);
        using var head = Session(FusedCtcHead.Rewrite(unfusedModel)!.Value.Model);
        var logits = RunBytes(unfused, input, [lines, steps, k])[0].Floats;
        var outputs = RunBytes(head, input, [lines, steps, k]);
        var (best, sums) = (outputs[0].Ints, outputs[1].Floats);

        var ties = 0;
        for (var step = 0; step < lines * steps; step++)
        {
            var row = logits.AsSpan(step * classes, classes);
            Assert.Equal(TensorPrimitives.IndexOfMax(row), best[step]);
            ties += best[step] == 7 && row[23] == row[7] ? 1 : 0;
            var previous = step % steps == 0 ? -1 : best[step - 1];
            if (best[step] != 0 && best[step] != previous)
            {
                var terms = new float[classes];
                TensorPrimitives.Subtract(row, row[best[step]], terms);
                TensorPrimitives.Exp(terms, terms);
                Assert.Equal(TensorPrimitives.Sum<float>(terms), sums[step], 1e-5f * sums[step]);
            }
            else
            {
                Assert.Equal(0f, sums[step]);
            }
        }

        Assert.True(ties > 0, "some steps should be won by the tied classes");
    }

    [Fact]
    public void The_fused_head_gives_every_steps_best_class_and_sum_of_the_unfused_logits()
    {
        var folded = HardSwishBlockFolding.Apply(File.ReadAllBytes(Path.Combine(OcrModels.Directory, OcrModelFolder.RecognitionModel))).Model;
        var plan = OcrInt8Calibration.Recognizer();
        List<(float[] Values, int[] Shape)> lines = [.. plan.Inputs];
        var logits = RecognizerLogits.WithoutSoftmax(OcrInt8Quantizer.Quantize(folded, lines, intraOpThreads: 1, plan.Rewrite).Model)!;
        var (fused, classes) = FusedCtcHead.Rewrite(logits)!.Value;
        var decoder = CtcGreedyDecoder.Load(Path.Combine(OcrModels.Directory, "ppocr_keys_v1.txt"));

        Assert.Equal(decoder.ClassCount, classes);
        Assert.Single(FoldableGraph.Read(fused)!.Nodes, node => node.OpType == "CtcHead");
        using var unfused = Session(logits);
        using var head = Session(fused);
        var (steps, emitting) = (0, 0);
        foreach (var (values, shape) in lines)
        {
            var scores = Run(unfused, values, shape, out var scoreShape)[0].Floats;
            var outputs = Run(head, values, shape, out var headShape);
            var (best, sums) = (outputs[0].Ints, outputs[1].Floats);
            Assert.Equal(scoreShape[..^1], headShape);
            for (var line = 0; line < headShape[0]; line++)
            {
                var previous = -1;
                for (var step = line * headShape[1]; step < (line + 1) * headShape[1]; step++)
                {
                    var row = scores.AsSpan(step * classes, classes);
                    // The unfused decoder's choice: the first index of the maximum.
                    Assert.Equal(TensorPrimitives.IndexOfMax(row), best[step]);
                    if (best[step] != 0 && best[step] != previous)
                    {
                        var terms = new float[classes];
                        TensorPrimitives.Subtract(row, row[best[step]], terms);
                        TensorPrimitives.Exp(terms, terms);
                        Assert.Equal(TensorPrimitives.Sum<float>(terms), sums[step], 1e-5f * sums[step]);
                        emitting++;
                    }
                    else
                    {
                        Assert.Equal(0f, sums[step]);
                    }

                    previous = best[step];
                    steps++;
                }

                var count = headShape[1];
                var text = decoder.Decode(scores.AsSpan(line * count * classes, count * classes), logits: true);
                var read = decoder.Decode(best.AsSpan(line * count, count), sums.AsSpan(line * count, count));
                Assert.Equal(text.Text, read.Text);
                Assert.Equal(text.Confidence, read.Confidence, 1e-6f);
            }
        }

        Assert.True(emitting > 20 && steps > 4 * emitting / 3, $"{steps} steps, {emitting} emitting: the lines should read characters");
    }

    [Theory]
    [InlineData("Screenshots", "evince-annotations.png")]
    [InlineData("Screenshots", "kmplot-coordinates-dialog.png")]
    [InlineData("Screenshots", "simple-scan-preferences.png")]
    [InlineData("Plots", "octave-errorbar.png")]
    [InlineData("Plots", "octave-polar.png")]
    public async Task The_default_recognizer_reads_real_images_with_the_lines_of_the_unfused_head(string folder, string file)
    {
        using var fused = OcrModels.CreateRecognizer();
        using var unfused = OcrModels.CreateRecognizer(new OcrOptions { FusedCtcHead = false });

        var expected = await ReadAsync(unfused, folder, file);
        var actual = await ReadAsync(fused, folder, file);

        // The library built beside the tests (scripts/build-native.sh) runs the head where its loops are vectorised (AVX-512 VNNI).
        Assert.Equal(Library().VectorisedCtcHead, fused.FusedCtcHead);
        Assert.False(unfused.FusedCtcHead);
        Assert.Equal(expected.Select(line => (line.Text, line.Box)), actual.Select(line => (line.Text, line.Box)));
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First.Confidence, pair.Second.Confidence, 1e-6));
    }

    public void Dispose() => _folder.Dispose();

    private static List<(float[] Floats, int[] Ints)> RunBytes(InferenceSession session, byte[] input, long[] shape)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(input, shape);
        return Outputs(session, value, out _);
    }

    private static async Task<IReadOnlyList<RecognizedLine>> ReadAsync(PaddleOcrRecognizer recognizer, string folder, string file)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Ocr", folder, file), TestContext.Current.CancellationToken);
        using var codec = SKCodec.Create(new SKMemoryStream(bytes));
        return await recognizer.RecognizeAsync(new EncodedImage(bytes, "image/png", codec.Info.Width, codec.Info.Height), TestContext.Current.CancellationToken);
    }

    private static InferenceSession Session(byte[] model)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, IntraOpNumThreads = 1 };
        Library().Register(options);
        return new InferenceSession(model, options);
    }

    private static OcrOperatorLibrary Library() =>
        OcrOperatorLibrary.Find(configuredPath: null, out var reason) ?? throw new InvalidOperationException(reason + " (run scripts/build-native.sh, then build the tests again)");

    private static List<(float[] Floats, int[] Ints)> Run(InferenceSession session, float[] values, int[] shape, out int[] outputShape)
    {
        using var value = OrtValue.CreateTensorValueFromMemory(values, [.. shape.Select(dimension => (long)dimension)]);
        return Outputs(session, value, out outputShape);
    }

    /// <summary>Every output of one run: a float output's values, or an int32 output's.</summary>
    private static List<(float[] Floats, int[] Ints)> Outputs(InferenceSession session, OrtValue value, out int[] firstShape)
    {
        using var runOptions = new RunOptions();
        using var results = session.Run(runOptions, [session.InputMetadata.Keys.Single()], [value], [.. session.OutputMetadata.Keys]);
        firstShape = [.. results[0].GetTensorTypeAndShape().Shape.Select(dimension => (int)dimension)];
        return [.. results.Select(result => result.GetTensorTypeAndShape().ElementDataType == TensorElementType.Int32
            ? (Array.Empty<float>(), result.GetTensorDataAsSpan<int>().ToArray())
            : (result.GetTensorDataAsSpan<float>().ToArray(), Array.Empty<int>()))];
    }
}
