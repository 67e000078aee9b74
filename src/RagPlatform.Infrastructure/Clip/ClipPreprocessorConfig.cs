using System.Globalization;
using System.Text.Json;

namespace RagPlatform.Infrastructure.Clip;

/// <summary>The image preprocessing a CLIP model was trained with, read from its
/// <c>preprocessor_config.json</c> (Hugging Face CLIPImageProcessor format), never assumed.</summary>
/// <param name="ShortestEdge">The resize target of the shorter side, in pixels.</param>
/// <param name="RescaleFactor">Multiplier from 8-bit values to the model's scale (1/255); 1 when
/// <c>do_rescale</c> is false.</param>
internal sealed record ClipPreprocessorConfig(
    int ShortestEdge,
    int CropWidth,
    int CropHeight,
    double RescaleFactor,
    double[] Mean,
    double[] Std)
{
    /// <exception cref="InvalidDataException">The file is not a CLIP image-processor configuration
    /// this pipeline reproduces; the message names the key.</exception>
    public static ClipPreprocessorConfig Parse(Stream json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"preprocessor_config.json is not valid JSON: {exception.Message}", exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException("preprocessor_config.json is not a JSON object.");
            }

            if (root.TryGetProperty("resample", out var resample) && resample.GetInt32() != 3)
            {
                throw new InvalidDataException(
                    $"preprocessor_config.json asks for resample = {resample.GetInt32()}; only 3 (bicubic, as CLIP was trained) is implemented.");
            }

            if (!Flag(root, "do_resize") || !Flag(root, "do_center_crop"))
            {
                throw new InvalidDataException("preprocessor_config.json turns off do_resize or do_center_crop; CLIP needs both.");
            }

            var shortestEdge = Size(root, "size", "shortest_edge");
            var cropHeight = Size(root, "crop_size", "height");
            var cropWidth = Size(root, "crop_size", "width");
            if (cropWidth > shortestEdge || cropHeight > shortestEdge)
            {
                throw new InvalidDataException($"preprocessor_config.json crops {cropWidth} × {cropHeight} out of a shortest edge of {shortestEdge}.");
            }

            var rescale = Flag(root, "do_rescale") ? Number(root, "rescale_factor", 1 / 255.0) : 1.0;
            var normalize = Flag(root, "do_normalize");
            var mean = normalize ? Triple(root, "image_mean") : [0, 0, 0];
            var std = normalize ? Triple(root, "image_std") : [1, 1, 1];
            if (std.Any(value => value <= 0))
            {
                throw new InvalidDataException("preprocessor_config.json image_std has a value that is not positive.");
            }

            return new ClipPreprocessorConfig(shortestEdge, cropWidth, cropHeight, rescale, mean, std);
        }
    }

    private static bool Flag(JsonElement root, string name) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.False;

    // "size": {"shortest_edge": 224} in current files, a bare 224 in older ones.
    private static int Size(JsonElement root, string name, string field)
    {
        if (!root.TryGetProperty(name, out var value))
        {
            throw new InvalidDataException($"preprocessor_config.json has no \"{name}\".");
        }

        var size = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetInt32(),
            JsonValueKind.Object when value.TryGetProperty(field, out var inner) => inner.GetInt32(),
            _ => throw new InvalidDataException($"preprocessor_config.json \"{name}\" has no \"{field}\"."),
        };
        return size is > 0 and <= 4096
            ? size
            : throw new InvalidDataException($"preprocessor_config.json \"{name}.{field}\" = {size} is not a usable size in pixels.");
    }

    private static double Number(JsonElement root, string name, double fallback) =>
        root.TryGetProperty(name, out var value) ? value.GetDouble() : fallback;

    private static double[] Triple(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 3)
        {
            throw new InvalidDataException($"preprocessor_config.json \"{name}\" must be an array of three numbers (R, G, B).");
        }

        return [.. value.EnumerateArray().Select(item => item.GetDouble())];
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"shortest edge {ShortestEdge}, crop {CropWidth} × {CropHeight}, mean [{string.Join(", ", Mean)}], std [{string.Join(", ", Std)}]");
}
