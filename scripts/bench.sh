#!/usr/bin/env bash
# `pnpm bench [--quick] [--no-write]` and `pnpm soak`: build the packages the way they are published, build the
# bench (its programs and the render page), then run. Never part of `pnpm test`: figures are not assertions.
set -euo pipefail
cd "$(dirname "$0")/.."
program=$1
shift
pnpm exec turbo run build --filter=@sessionkit/bench^... --output-logs=errors-only
pnpm --filter @sessionkit/bench run --silent prepare-bench
exec node packages/bench/dist/"$program".js "$@"
