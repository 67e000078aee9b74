#!/usr/bin/env bash
# Runs every test. Installs the system packages the tests need first (Debian; root or sudo).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-packages.sh scripts/packages-runtime.txt scripts/packages-test.txt

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test --solution RagPlatform.sln -c Release 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line for any reader: "N passed, N failed, N skipped".
awk '/^  total:/{t+=$2} /^  failed:/{f+=$2} /^  succeeded:/{s+=$2} /^  skipped:/{k+=$2}
     END {printf "%d passed, %d failed, %d skipped\n", s, f, k}' "$log"
exit "$status"
