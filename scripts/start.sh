#!/usr/bin/env bash
# Runs the platform with its embedded defaults (SQLite, blob folder, in-memory vectors; data under
# ./data) on http://localhost:5080, with the ingestion worker in-process.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-packages.sh scripts/packages-runtime.txt
exec dotnet run -c Release --project src/RagPlatform.Api "$@"
