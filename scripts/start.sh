#!/usr/bin/env bash
# One command on a fresh machine: install, build, and start Tandem (server + web app on one
# port, embedded SQLite). Configure with PORT, HOST, TANDEM_DATA_DIR, TANDEM_JWT_SECRET, ...
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec pnpm --dir apps/server start
