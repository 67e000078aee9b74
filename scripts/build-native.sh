#!/usr/bin/env bash
# Builds the platform's ONNX Runtime operator library, artifacts/native/libragplatform_ocr.so, from
# src/native/u8lookup.c (the OCR recogniser's hard-swish as a table lookup, Ocr:LookupHardSwish). The .NET
# build copies it beside the application when it exists; without it OCR runs as before and logs why.
# Needs gcc (installed from scripts/packages-build.txt when missing) and the ONNX Runtime C headers of
# the NuGet package the platform uses (restored when missing). Run before dotnet build / publish.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-packages.sh scripts/packages-build.txt

version=$(sed -n 's/.*Include="Microsoft.ML.OnnxRuntime" Version="\([^"]*\)".*/\1/p' Directory.Packages.props)
packages=${NUGET_PACKAGES:-$(dotnet nuget locals global-packages --list | sed 's/^global-packages: *//')}
include="$packages/microsoft.ml.onnxruntime/$version/build/native/include"
if [[ ! -f "$include/onnxruntime_c_api.h" ]]; then
  dotnet restore src/RagPlatform.Infrastructure -nologo -v quiet
fi

mkdir -p artifacts/native
output=artifacts/native/libragplatform_ocr.so
up_to_date=true
for source in src/native/*.c src/native/*.h "$include/onnxruntime_c_api.h"; do
  [[ "$output" -nt "$source" ]] || up_to_date=false
done
if $up_to_date; then
  exit 0
fi
# -O3 for the portable loops; the AVX-512 loops are compiled for their targets alone and chosen at run time.
# -ffp-contract=off: the CTC head's logits must round as ONNX Runtime's (a multiply, then an add; no fused FMA).
gcc -O3 -ffp-contract=off -shared -fPIC -fvisibility=hidden -Wall -Wextra -Werror -I "$include" -o "$output.tmp" src/native/*.c -lpthread -lm
mv "$output.tmp" "$output"
echo "built $output (ONNX Runtime $version headers)"
