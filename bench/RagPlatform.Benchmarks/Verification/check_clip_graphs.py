#!/usr/bin/env python3
"""Independent cross-check of the generated CLIP graphs (optional; needs Debian's python3-onnx).

1. The ONNX package parses each file and runs its full checker (with strict shape inference):
   this validates the hand-assembled protobuf against onnx's own schema.
2. A plain numpy float64 implementation of CLIP, written from the model's definition and fed the
   initializers by their Hugging Face names, recomputes the sample batch that `bench models`
   saved in <model dir>/checks/ and is compared with ONNX Runtime's output.

Usage: check_clip_graphs.py <model dir> <heads of the vision tower> <heads of the text tower>
e.g.   check_clip_graphs.py artifacts/bench-models/clip-tiny-seed42-g1 4 2
"""
import os
import sys

import numpy as np
import onnx
from onnx import numpy_helper


def load(path):
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    weights = {t.name: numpy_helper.to_array(t).astype(np.float64) for t in model.graph.initializer}
    opset = [(o.domain, o.version) for o in model.opset_import]
    print(f"{os.path.basename(path)}: ir_version {model.ir_version}, opset {opset}, "
          f"{len(model.graph.node)} nodes, inputs {[i.name for i in model.graph.input]}, "
          f"outputs {[o.name for o in model.graph.output]}: onnx checker OK")
    return weights


def layer_norm(x, w, prefix):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + 1e-5) * w[prefix + ".weight"] + w[prefix + ".bias"]


def linear(x, w, prefix, bias=True):
    # The generator stores linear weights as [in, out]: y = x @ W + b.
    y = x @ w[prefix + ".weight"]
    return y + w[prefix + ".bias"] if bias else y


def encoder_layer(x, w, prefix, heads, causal):
    batch, length, width = x.shape
    size = width // heads
    h = layer_norm(x, w, prefix + ".layer_norm1")
    split = lambda t: t.reshape(batch, length, heads, size).transpose(0, 2, 1, 3)
    q = split(linear(h, w, prefix + ".self_attn.q_proj") / np.sqrt(size))
    k = split(linear(h, w, prefix + ".self_attn.k_proj"))
    v = split(linear(h, w, prefix + ".self_attn.v_proj"))
    scores = q @ k.transpose(0, 1, 3, 2)
    if causal:
        scores = scores + np.triu(np.full((length, length), -np.inf), 1)
    scores = np.exp(scores - scores.max(-1, keepdims=True))
    probabilities = scores / scores.sum(-1, keepdims=True)
    context = (probabilities @ v).transpose(0, 2, 1, 3).reshape(batch, length, width)
    x = x + linear(context, w, prefix + ".self_attn.out_proj")
    h = linear(layer_norm(x, w, prefix + ".layer_norm2"), w, prefix + ".mlp.fc1")
    h = h / (1 + np.exp(-1.702 * h))  # QuickGELU: h * sigmoid(1.702 h)
    return x + linear(h, w, prefix + ".mlp.fc2")


def layers(w, tower):
    return sorted({int(k.split(".")[3]) for k in w if k.startswith(f"{tower}.encoder.layers.")})


def vision(w, pixels, heads):
    conv = w["vision_model.embeddings.patch_embedding.weight"]  # [width, 3, p, p]
    width, _, patch, _ = conv.shape
    batch, _, size, _ = pixels.shape
    grid = size // patch
    # Non-overlapping patches, row-major over the grid, each flattened as (channel, y, x).
    patches = pixels.reshape(batch, 3, grid, patch, grid, patch).transpose(0, 2, 4, 1, 3, 5)
    patches = patches.reshape(batch, grid * grid, 3 * patch * patch) @ conv.reshape(width, -1).T
    cls = np.broadcast_to(w["vision_model.embeddings.class_embedding"].reshape(1, 1, width), (batch, 1, width))
    x = np.concatenate([cls, patches], axis=1) + w["vision_model.embeddings.position_embedding.weight"]
    x = layer_norm(x, w, "vision_model.pre_layrnorm")
    for i in layers(w, "vision_model"):
        x = encoder_layer(x, w, f"vision_model.encoder.layers.{i}", heads, causal=False)
    return layer_norm(x[:, 0], w, "vision_model.post_layernorm") @ w["visual_projection.weight"]


def text(w, ids, heads):
    x = w["text_model.embeddings.token_embedding.weight"][ids] + w["text_model.embeddings.position_embedding.weight"]
    for i in layers(w, "text_model"):
        x = encoder_layer(x, w, f"text_model.encoder.layers.{i}", heads, causal=True)
    x = layer_norm(x, w, "text_model.final_layer_norm")
    return x[np.arange(ids.shape[0]), ids.argmax(-1)] @ w["text_projection.weight"]


def compare(name, reference, actual):
    cosine = (reference * actual).sum(-1) / np.linalg.norm(reference, axis=-1) / np.linalg.norm(actual, axis=-1)
    scale = np.abs(reference).max()
    diff = np.abs(reference - actual).max()
    ok = cosine.min() > 0.99999 and diff <= 1e-3 * scale
    print(f"{name}: numpy vs ONNX Runtime: min cosine {cosine.min():.7f}, max |diff| {diff:.2e} "
          f"(max |value| {scale:.2f}) -> {'OK' if ok else 'MISMATCH'}")
    return ok


def main():
    folder, vision_heads, text_heads = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    checks = os.path.join(folder, "checks")
    ok = True

    w = load(os.path.join(folder, "vision_model.onnx"))
    expected = np.fromfile(os.path.join(checks, "vision-output.f32"), dtype="<f4")
    width = w["visual_projection.weight"].shape[1]
    size = int(np.sqrt(np.fromfile(os.path.join(checks, "vision-input.f32"), dtype="<f4").size // (3 * (expected.size // width))))
    pixels = np.fromfile(os.path.join(checks, "vision-input.f32"), dtype="<f4").astype(np.float64)
    pixels = pixels.reshape(-1, 3, size, size)
    ok &= compare("vision", vision(w, pixels, vision_heads), expected.reshape(-1, width))
    del w

    w = load(os.path.join(folder, "text_model.onnx"))
    ids = np.fromfile(os.path.join(checks, "text-input.i64"), dtype="<i8")
    length = w["text_model.embeddings.position_embedding.weight"].shape[0]
    expected = np.fromfile(os.path.join(checks, "text-output.f32"), dtype="<f4")
    ok &= compare("text", text(w, ids.reshape(-1, length), text_heads), expected.reshape(-1, w["text_projection.weight"].shape[1]))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
