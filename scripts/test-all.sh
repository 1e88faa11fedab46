#!/usr/bin/env bash
# The one test command: build, typecheck, lint, unit and integration tests (on FerretDB or MONGODB_URI),
# story tests in Chromium, and end-to-end tests. Ends with "N passed, N failed" summed over every suite.
set -uo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh || { echo "0 passed, 1 failed"; exit 1; }

rm -rf .results && mkdir -p .results
status=0
step() {
  local name=$1
  shift
  echo "── $name"
  if "$@"; then echo "pass $name" >>.results/checks; else echo "fail $name" >>.results/checks; status=1; fi
}

step build pnpm exec turbo run build --output-logs=errors-only
step typecheck pnpm exec turbo run typecheck --output-logs=errors-only
step lint pnpm run lint
# No import cycles anywhere: a cycle is how a package's layers start to blur.
step cycles pnpm run cycles
# --continue: one package's failure must not hide the others' counts from the closing line.
step tests pnpm exec turbo run test --concurrency=1 --continue

node scripts/summarize-results.mjs || status=1
exit $status
