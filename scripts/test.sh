#!/usr/bin/env bash
# One command on a fresh machine: install everything (pnpm, dependencies, chromium,
# redis-server), build, then run every check: types, lint, unit/integration tests, e2e.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --system

echo "[test] typecheck (sources and tests)"
pnpm typecheck
echo "[test] lint"
pnpm lint
echo "[test] unit and integration tests (Vitest)"
pnpm test:unit
echo "[test] end-to-end tests (Playwright + Debian chromium)"
pnpm test:e2e
echo "[test] all checks passed"
