#!/usr/bin/env bash
# One command on a fresh machine: install everything (pnpm, dependencies, chromium,
# redis-server, postgresql), build, then run every check: types, lint, unit/integration tests, e2e.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --system

echo "[test] typecheck (sources and tests)"
pnpm typecheck
echo "[test] lint"
pnpm lint
reports=$(mktemp -d)
echo "[test] unit and integration tests (Vitest)"
pnpm test:unit --reporter=default --reporter=json --outputFile.json="$reports/vitest.json"
echo "[test] end-to-end tests (Playwright + Debian chromium)"
PLAYWRIGHT_JSON_OUTPUT_NAME="$reports/e2e.json" pnpm test:e2e --reporter=list,json
echo "[test] all checks passed"
node scripts/summarize.mjs "$reports/vitest.json" "$reports/e2e.json"
