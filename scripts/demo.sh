#!/usr/bin/env bash
# The demo command: on a fresh clone it fetches Node 24 when missing (scripts/node24.sh), installs
# the locked dev dependencies when they are missing or older than the lockfile, builds, and runs
# the demo (test/demo/run.cts) against the provider simulator. Writes only inside the project.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node24.sh
if [ ! -d node_modules/n8n-core ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "demo: installing the dev dependencies from the lockfile (once; see README for time and disk)" >&2
  npm install --no-audit --no-fund --loglevel=error
fi
if ! built="$(npm run build --silent 2>&1)"; then
  echo "$built" >&2
  exit 1
fi
exec node -r ./test/support/register.cjs test/demo/run.cts
