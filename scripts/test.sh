#!/usr/bin/env bash
# The test command: on a fresh clone it fetches Node 24 when missing, installs the dev
# dependencies from the lockfile, builds, lints as n8n's verification does, and runs jest.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node24.sh
echo "Node $(node --version), npm $(npm --version)"
# `npm install` rather than `npm ci`: the registry reachable here lacks other platforms' optional
# bindings of one lint dependency (@unrs/resolver-binding-*), so the lockfile cannot list them and
# `npm ci` refuses it as out of sync. `npm install` still installs the exact locked versions.
npm install --no-audit --no-fund
npm test
