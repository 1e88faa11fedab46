#!/usr/bin/env bash
# The demo from a fresh clone: installs what is missing, builds, and starts it on $PORT (default 3000).
#   bash scripts/demo.sh              # embedded in-memory store (MongoDB when MONGODB_URI is set)
#   bash scripts/demo.sh --ferretdb   # starts FerretDB (MongoDB-compatible) itself and uses the Mongo store
set -euo pipefail
cd "$(dirname "$0")/.."

setup_flags=(--no-browser)
for arg in "$@"; do
  case "$arg" in
    --ferretdb) ;;
    -h | --help) ;;
    *)
      echo "demo: unknown option $arg (the one option is --ferretdb)" >&2
      exit 2
      ;;
  esac
done
# FerretDB is built (once, with Go) only when the demo is asked to start it.
[[ " $* " == *" --ferretdb "* ]] || setup_flags+=(--no-ferretdb)

bash scripts/setup.sh "${setup_flags[@]}"
echo "demo: building"
pnpm exec turbo run build --filter=@sessionkit/demo... --output-logs=errors-only
exec node apps/demo/dist/server/main.js "$@"
