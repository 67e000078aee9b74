#!/usr/bin/env bash
# Downloads the sentence-embedding model of the text space (a second dense space beside CLIP, for
# text items and text queries) into models/text/ (or --dest DIR), and checks the SHA-256 of every
# file. Optional: without it text is searched lexically and with CLIP only.
#
#   scripts/fetch-text-model.sh [--dest DIR] [--accept-unverified]
#
# Source: BAAI/bge-small-en-v1.5 (MIT; 33M-parameter BERT trained for retrieval, 384 dimensions,
# 512-token window; its own ONNX export under onnx/), https://huggingface.co/BAAI/bge-small-en-v1.5,
# pinned to one revision. About 133 MB. Set HF_ENDPOINT to use a mirror (e.g. https://hf-mirror.com).
# Then restart the platform and run `rag reindex --all` so that documents ingested before get their
# text-space vectors.
#
# Checksums: the SHA-256 of each file at that revision, as independent public projects pin them
# (onnx/model.onnx is 133,093,490 bytes). vocab.txt is BERT's uncased vocabulary, byte for byte the
# file tests/fixtures/reranker/vocab.txt reproduces; tokenizer_config.json sets do_lower_case.
set -euo pipefail

REPOSITORY="BAAI/bge-small-en-v1.5"
REVISION="5c38ec7c405ec4b44b94cc5a9bb96e735b38267a"
ENDPOINT="${HF_ENDPOINT:-https://huggingface.co}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/verified-download.sh
source "$ROOT/scripts/lib/verified-download.sh"

DEST="$ROOT/models/text"
parse_fetch_arguments "$@"

# local name | path in the repository | size to show | sha256
FILES=(
  "model.onnx|onnx/model.onnx|133 MB|828e1496d7fabb79cfa4dcd84fa38625c0d3d21da474a00f08db0f559940cf35"
  "vocab.txt|vocab.txt|0.2 MB|07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
  "tokenizer_config.json|tokenizer_config.json|1 KB|9261e7d79b44c8195c1cada2b453e55b00aeb81e907a6664974b4d7776172ab3"
)

fetch_hub_files

if [[ $FAILED -ne 0 ]]; then
  exit 1
fi
echo "The text model is ready in $DEST; the text space is on at the next start (Embeddings:Text:ModelDirectory)."
echo "Run 'rag reindex --all' so that documents ingested before get their text-space vectors."
