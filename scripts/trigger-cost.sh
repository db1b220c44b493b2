#!/usr/bin/env bash
# Cost per event of this package's triggers in a real n8n 2.x, against n8n's own Webhook node in
# the same run (test/real-n8n/trigger-cost.cts). Installs n8n like `scripts/real-n8n.sh` once.
# Usage: scripts/trigger-cost.sh   (EVENTS=2000 CONCURRENCY=20 ROUNDS=1 PROFILE=1 as environment)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .tools/n8n/node_modules/.bin/n8n ] || bash scripts/real-n8n.sh --n8n 2 --install-only
source scripts/node24.sh
npm run build --silent
exec node -r ./test/support/register.cjs test/real-n8n/trigger-cost.cts
