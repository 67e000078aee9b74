#!/usr/bin/env bash
# Installs the Debian packages named in the given list files when any is missing.
# Usage: scripts/ensure-packages.sh scripts/packages-runtime.txt [scripts/packages-test.txt]
# A line is "package" or "package=version" (a pinned version: installed when another one is), then
# an optional comment.
set -euo pipefail

missing=()
for list in "$@"; do
  while read -r pkg _; do
    [[ -z "$pkg" || "$pkg" == \#* ]] && continue
    name=${pkg%%=*}
    if [[ "$pkg" == *=* ]]; then
      [[ "$(dpkg-query -W -f='${Status} ${Version}' "$name" 2>/dev/null)" == "install ok installed ${pkg#*=}" ]] || missing+=("$pkg")
    else
      dpkg-query -W -f='${Status}' "$name" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
    fi
  done < "$list"
done

[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing system packages: ${missing[*]}"
if [[ $(id -u) -eq 0 ]]; then sudo=(); else sudo=(sudo); fi
"${sudo[@]}" apt-get update -qq
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
