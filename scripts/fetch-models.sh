#!/usr/bin/env bash
# Downloads the CLIP ViT-B/32 dual encoder the platform embeds text and images with, into
# models/clip/ (or --dest DIR), and checks the SHA-256 of every file.
#
#   scripts/fetch-models.sh [--dest DIR] [--accept-unverified] [--int8]
#
# --int8 also fetches the int8 towers of the same revision (onnx/text_model_quantized.onnx 64,504,507
# bytes, onnx/vision_model_quantized.onnx 89,117,001 bytes; about 150 MB more), which Clip:Precision=Int8
# loads: MatMul weights quantized by ONNX Runtime's quantize_dynamic (see models/README.md for what
# that costs in agreement and gains in speed).
#
# Source: the ONNX export of openai/clip-vit-base-patch32 by the Transformers.js project,
# https://huggingface.co/Xenova/clip-vit-base-patch32, pinned to one revision (MIT licence).
# About 600 MB. Set HF_ENDPOINT to use a mirror (e.g. https://hf-mirror.com).
#
# Checksums: the .onnx SHA-256 (and sizes: text 254,058,553, vision 351,685,709 bytes) are the Git
# LFS object ids of that revision, as published by independent projects pinning the same files (the
# same holds for the two *_quantized.onnx: several projects pin these sizes and SHA-256 at d15189d7);
# vocab.json and merges.txt are the files of that revision (the copies embedded in
# RagPlatform.Infrastructure are byte-identical, merges.txt up to CRLF line ends).
# preprocessor_config.json is small, not an LFS object and has no published checksum: the hub's copy
# is kept when it equals the repository's reference copy
# (tests/fixtures/clip/model/preprocessor_config.json, the CLIP ViT-B/32 values), otherwise the
# reference copy is installed instead.
set -euo pipefail

REPOSITORY="Xenova/clip-vit-base-patch32"
REVISION="d15189d7028b43f1d3e65039190477f6af591c2a"
ENDPOINT="${HF_ENDPOINT:-https://huggingface.co}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/verified-download.sh
source "$ROOT/scripts/lib/verified-download.sh"

DEST="$ROOT/models/clip"
INT8=0
ARGUMENTS=()
for argument in "$@"; do
  if [[ "$argument" == "--int8" ]]; then INT8=1; else ARGUMENTS+=("$argument"); fi
done
parse_fetch_arguments ${ARGUMENTS[@]+"${ARGUMENTS[@]}"}

# local name | path in the repository | size to show | sha256
FILES=(
  "text_model.onnx|onnx/text_model.onnx|254 MB|3f6571f5bad13a97c469c1622e1cfc4d9aef78b79fdbfcff804ca357bfada8cc"
  "vision_model.onnx|onnx/vision_model.onnx|352 MB|fd6e1402a588279d1723c7534d4bcba5bc0b14b47dfab0e46f8c47b8270d7d40"
  "vocab.json|vocab.json|0.9 MB|5047b556ce86ccaf6aa22b3ffccfc52d391ea4accdab9c2f2407da5b742d4363"
  "merges.txt|merges.txt|0.5 MB|9fd691f7c8039210e0fced15865466c65820d09b63988b0174bfe25de299051a"
)
if [[ $INT8 -eq 1 ]]; then
  FILES+=(
    "text_model_quantized.onnx|onnx/text_model_quantized.onnx|65 MB|73baab855d406190da9faa498cfedf65f15cf309f4cc7385b7b032e6d08e5c3a"
    "vision_model_quantized.onnx|onnx/vision_model_quantized.onnx|89 MB|583fd1110a514667812fee7d684952aaf82a99b959760c8d7dca7e0ab9839299"
  )
fi
PREPROCESSOR_REFERENCE="$ROOT/tests/fixtures/clip/model/preprocessor_config.json"
PREPROCESSOR_SHA256="64a49623964ac5cd407d449ae72ea66b58eb05c62fbc55e5d1ea3dc6cbaf4cea"

fetch_hub_files

preprocessor="$DEST/preprocessor_config.json"
if ! download "$ENDPOINT/$REPOSITORY/resolve/$REVISION/preprocessor_config.json" "$preprocessor.partial" \
    || [[ "$(sha256_of "$preprocessor.partial")" != "$PREPROCESSOR_SHA256" ]]; then
  echo "note      preprocessor_config.json: using the repository's reference copy (CLIP ViT-B/32 values)"
  cp "$PREPROCESSOR_REFERENCE" "$preprocessor.partial"
fi
if [[ "$(sha256_of "$preprocessor.partial")" != "$PREPROCESSOR_SHA256" ]]; then
  echo "MISMATCH  preprocessor_config.json: the reference copy $PREPROCESSOR_REFERENCE was changed." >&2
  FAILED=1
else
  mv -f "$preprocessor.partial" "$preprocessor"
  echo "ok        preprocessor_config.json sha256 $PREPROCESSOR_SHA256"
fi

if [[ $FAILED -ne 0 ]]; then
  exit 1
fi
echo "CLIP ViT-B/32 is ready in $DEST (set Clip:ModelDirectory if you keep it elsewhere)."
if [[ $INT8 -eq 1 ]]; then
  echo "The int8 towers are there too: set Clip:Precision=Int8 to use them."
fi
