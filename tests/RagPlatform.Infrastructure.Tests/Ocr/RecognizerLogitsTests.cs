using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;
using RagPlatform.Infrastructure.Ocr;

namespace RagPlatform.Infrastructure.Tests.Ocr;

/// <summary>The real recogniser without its last Softmax (<see cref="RecognizerLogits"/>): it gives logits
/// whose Softmax is the network's output as exported, so CTC reads the same text with the same confidence.</summary>
public sealed class RecognizerLogitsTests
{
    [Fact]
    public void The_recognizer_without_its_softmax_gives_the_logits_of_its_probabilities()
    {
        var path = new OcrModelFolder(OcrModels.Directory).Locate(OcrModelFolder.RecognizerFiles(OcrRecognizerModel.Multilingual).Model);
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var exported = OcrOnnxModel.Open(path, options);
        using var logits = OcrOnnxModel.Open(path, options, logits: true);
        const int width = 160;
        var input = new float[3 * TextLineRecognizer.LineHeight * width];
        for (var i = 0; i < input.Length; i++)
        {
            // Dark vertical strokes on a light line: something for the network to read.
            input[i] = (i % width) % 12 < 3 ? -0.8f : 0.9f;
        }

        var (probabilities, shape) = exported.Run(input, 1, TextLineRecognizer.LineHeight, width, CancellationToken.None);
        var (scores, logitsShape) = logits.Run(input, 1, TextLineRecognizer.LineHeight, width, CancellationToken.None);

        Assert.False(exported.GivesLogits);
        Assert.True(logits.GivesLogits);
        Assert.Equal(shape, logitsShape);
        var classes = shape[2];
        var softmax = new float[classes];
        for (var step = 0; step < shape[1]; step++)
        {
            TensorPrimitives.SoftMax(scores.AsSpan(step * classes, classes), softmax);
            var expected = probabilities.AsSpan(step * classes, classes);
            Assert.Equal(TensorPrimitives.IndexOfMax(expected), TensorPrimitives.IndexOfMax(softmax));
            Assert.True(TensorPrimitives.Distance(expected, softmax) < 1e-4f, $"step {step}: {TensorPrimitives.Distance(expected, softmax)}");
        }
    }
}
