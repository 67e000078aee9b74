#!/usr/bin/env bash
# Downloads the cross-encoder that re-ranks the text hits at the head of a result list, into
# models/reranker/ (or --dest DIR), and checks the SHA-256 of every file. Optional: without it the
# platform keeps the fused order.
#
#   scripts/fetch-reranker-model.sh [--dest DIR] [--accept-unverified]
#
# Source: cross-encoder/ms-marco-MiniLM-L6-v2 (Apache-2.0; 6-layer MiniLM trained on MS MARCO
# passage ranking; its own ONNX export under onnx/), https://huggingface.co/cross-encoder/ms-marco-MiniLM-L6-v2,
# pinned to one revision. About 91 MB. Set HF_ENDPOINT to use a mirror (e.g. https://hf-mirror.com).
#
# Checksums: model.onnx's is its Git LFS object id at that revision, as independent public
# projects pin it; vocab.txt is BERT's uncased vocabulary, whose SHA-256 many projects pin and
# which tests/fixtures/reranker/vocab.txt reproduces byte for byte. No tokenizer_config.json is
# needed: the platform lower-cases by default, as this model expects.
set -euo pipefail

REPOSITORY="cross-encoder/ms-marco-MiniLM-L6-v2"
REVISION="c5ee24cb16019beea0893ab7796b1df96625c6b8"
ENDPOINT="${HF_ENDPOINT:-https://huggingface.co}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/verified-download.sh
source "$ROOT/scripts/lib/verified-download.sh"

DEST="$ROOT/models/reranker"
parse_fetch_arguments "$@"

# local name | path in the repository | size to show | sha256
FILES=(
  "model.onnx|onnx/model.onnx|91 MB|5d3e70fd0c9ff14b9b5169a51e957b7a9c74897afd0a35ce4bd318150c1d4d4a"
  "vocab.txt|vocab.txt|0.2 MB|07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
)

fetch_hub_files

if [[ $FAILED -ne 0 ]]; then
  exit 1
fi
echo "The cross-encoder is ready in $DEST; re-ranking is on at the next start (Reranking:ModelDirectory)."
