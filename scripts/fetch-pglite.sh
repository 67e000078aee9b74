#!/usr/bin/env bash
# Installs PGlite (PostgreSQL 18 with pgvector, compiled to WebAssembly) into tests/pglite/ with
# `npm ci`, at the exact versions of tests/pglite/package-lock.json. The pgvector tests start it
# with `node tests/pglite/serve.mjs` (no PostgreSQL server to install). Skips npm when the pinned
# versions are already installed. About 30 MB. Needs Node.js 20+ and npm (any registry mirror set in
# npm's own configuration is used).
#
#   scripts/fetch-pglite.sh
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DIR="$ROOT/tests/pglite"

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "FAILED    node and npm are needed to install PGlite for the pgvector tests (install Node.js 20+)." >&2
  exit 1
fi

# Every dependency of package.json installed at the version package.json pins?
installed() {
  (cd "$DIR" && node --input-type=module -e '
    import { readFileSync, existsSync } from "node:fs"
    const wanted = JSON.parse(readFileSync("package.json", "utf8")).dependencies
    for (const [name, version] of Object.entries(wanted)) {
      const file = `node_modules/${name}/package.json`
      if (!existsSync(file) || JSON.parse(readFileSync(file, "utf8")).version !== version) process.exit(1)
    }') 2>/dev/null
}

if installed; then
  echo "ok        PGlite already installed in tests/pglite"
  exit 0
fi

echo "install   PGlite into tests/pglite (npm ci)"
# Bounded waits: offline, the test run should go on within a minute or so, not npm's five.
if ! (cd "$DIR" && npm ci --no-audit --no-fund --loglevel=error --fetch-retries=1 --fetch-timeout=30000 >/dev/null 2>"$DIR/npm-ci.log"); then
  echo "FAILED    npm ci in tests/pglite: $(head -n 2 "$DIR/npm-ci.log" | tr '\n' ' ')" >&2
  exit 1
fi
rm -f "$DIR/npm-ci.log"
echo "ok        PGlite $(cd "$DIR" && node -p 'require("./node_modules/@electric-sql/pglite/package.json").version') with pgvector is ready"
