#!/usr/bin/env bash
# Installs what the project needs on a fresh machine: pnpm, the workspace's packages, Debian's Chromium
# (browser tests; no browser download is possible here) and FerretDB (the MongoDB-compatible test server).
# Each step is skipped when already done, so running it again is cheap.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=10.34.9

need_browser=1
need_ferretdb=1
for arg in "$@"; do
  case "$arg" in
    --no-browser) need_browser=0 ;;
    --no-ferretdb) need_ferretdb=0 ;;
  esac
done

# Corepack's registry signature check fails on this kind of machine, so pnpm comes from npm.
if [ "$(pnpm --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm $PNPM_VERSION"
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null
fi

echo "setup: installing workspace packages"
CI=true PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 pnpm install --frozen-lockfile --reporter=silent

if [ "$need_browser" = 1 ] && [ -z "${CHROMIUM_PATH:-}" ] && ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing Debian's chromium"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: chromium is missing; install Debian's 'chromium' package or set CHROMIUM_PATH" >&2
    exit 1
  fi
fi

# The runner builds FerretDB from its module source (a plain `go install …@v1.24.2` yields a binary that panics
# at start for want of build/version/version.txt) and checks that a cached binary actually starts.
if [ "$need_ferretdb" = 1 ] && [ -z "${MONGODB_URI:-}" ]; then
  node packages/ferretdb-runner/src/ensure.js || echo "setup: no FerretDB; the Mongo tests will try mongodb-memory-server" >&2
fi
