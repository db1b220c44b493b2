#!/usr/bin/env bash
# Opt-in check in a real n8n 2.x (not part of `scripts/test.sh`: n8n is 2.7 GB). Installs n8n
# from ../shared/n8n-install's lockfile into .tools/n8n once, installs this package into a
# fresh user folder the way n8n's installer does (packed, without dev and peer dependencies),
# then runs workflows and signed webhooks against it with the provider simulator.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node24.sh
install_from="${N8N_INSTALL_DIR:-../shared/n8n-install}"
n8n_dir=".tools/n8n"
if [ ! -x "$n8n_dir/node_modules/.bin/n8n" ]; then
  echo "real-n8n: installing n8n from $install_from into $n8n_dir (about 2.7 GB, a few minutes)" >&2
  mkdir -p "$n8n_dir"
  cp "$install_from/package.json" "$install_from/package-lock.json" "$n8n_dir/"
  # --ignore-scripts: one dependency's install step downloads sources from the internet.
  (cd "$n8n_dir" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error && npm rebuild sqlite3 isolated-vm --loglevel=error)
fi
npm run build --silent
exec node -r ./test/support/register.cjs test/real-n8n/smoke.cts "$PWD/$n8n_dir/node_modules/.bin/n8n"
