#!/usr/bin/env bash
# Installs what Tandem needs on a fresh Debian machine: pnpm (pinned), the workspace's
# dependencies (sqlite3 compiles from source against the installed Node headers) and a build.
# Pass --system to also install the test tools from Debian (chromium, redis-server, postgresql;
# the tests start their own throwaway redis-server and Postgres cluster, never the system ones).
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=10.34.9
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "[setup] installing pnpm@$PNPM_VERSION"
  npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION"
fi

if [ "${1:-}" = "--system" ]; then
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
  compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "[setup] installing ${missing[*]} from Debian"
    SUDO=""
    [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
  fi
fi

echo "[setup] pnpm install"
CI=true pnpm install --frozen-lockfile
echo "[setup] build"
pnpm build
