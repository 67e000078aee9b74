# Shared by the model fetch scripts (source it): their options, and downloads kept only when their
# SHA-256 is the pinned one. fetch_verified expects ACCEPT_UNVERIFIED (0/1) and sets FAILED=1 on a mismatch.

parse_fetch_arguments() { # "$@": sets DEST (when given) and ACCEPT_UNVERIFIED; --help prints the script's header comment
  ACCEPT_UNVERIFIED=0
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --dest) DEST="$2"; shift 2 ;;
      --accept-unverified) ACCEPT_UNVERIFIED=1; shift ;;
      -h|--help) awk 'NR > 1 && !/^#/ { exit } NR > 1' "$0"; exit 0 ;;
      *) echo "Unknown argument: $1 (see --help)" >&2; exit 2 ;;
    esac
  done
}

fetch_hub_files() { # every FILES entry "name|path in the repository|size to show|sha256" of REPOSITORY@REVISION into DEST
  mkdir -p "$DEST"
  FAILED=0
  local entry name path about expected
  for entry in "${FILES[@]}"; do
    IFS='|' read -r name path about expected <<<"$entry"
    fetch_verified "$name" "$ENDPOINT/$REPOSITORY/resolve/$REVISION/$path" "$DEST/$name" "$expected" \
      "$about from $REPOSITORY@${REVISION:0:8}"
  done
}

sha256_of() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

download() { # url target
  if command -v curl >/dev/null 2>&1; then
    curl --fail --location --retry 3 --continue-at - --progress-bar --output "$2" "$1"
  elif command -v wget >/dev/null 2>&1; then
    wget --continue --tries=3 --show-progress --output-document="$2" "$1"
  else
    echo "Neither curl nor wget is installed." >&2; exit 1
  fi
}

fetch_verified() { # name url target expected-sha256 description
  local name="$1" url="$2" target="$3" expected="$4" description="$5"
  if [[ -f "$target" && "$(sha256_of "$target")" == "$expected" ]]; then
    echo "ok        $name (already present)"
    return
  fi
  echo "download  $name ($description)"
  local partial="$target.partial"
  if ! download "$url" "$partial"; then
    echo "FAILED    $name: cannot download $url" >&2
    echo "          (no network? behind a proxy? set HF_ENDPOINT for a mirror). Run again to resume." >&2
    exit 1
  fi
  local actual
  actual="$(sha256_of "$partial")"
  if [[ "$actual" == "$expected" ]]; then
    mv -f "$partial" "$target"
    echo "ok        $name sha256 $actual"
  elif [[ "${ACCEPT_UNVERIFIED:-0}" -eq 1 ]]; then
    mv -f "$partial" "$target"
    echo "UNVERIFIED $name: sha256 $actual, expected $expected (kept: --accept-unverified)" >&2
  else
    mv -f "$partial" "$target.rejected"
    echo "MISMATCH  $name: sha256 $actual, expected $expected; set aside as $name.rejected." >&2
    echo "          Run again to download it afresh, or pass --accept-unverified to use what arrives." >&2
    FAILED=1
  fi
}
