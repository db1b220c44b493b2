#!/usr/bin/env bash
# Opt-in: this package in n8n queue mode (not part of `scripts/test.sh`: it installs Debian
# packages and n8n, starts ~2.5 GB of processes and runs for several minutes). Installs Redis and
# PostgreSQL from Debian packages when missing, n8n 2.41.1 as scripts/real-n8n.sh does, then
# test/queue-mode/run.cts starts Postgres, Redis, an n8n main, two workers, a webhook processor
# and the simulator on loopback, runs the scenarios and stops all of it. Usage: [N] (default 1000).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node24.sh
if ! command -v redis-server >/dev/null || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "queue-mode: installing redis-server and postgresql from Debian packages" >&2
  apt-get install -y --no-install-recommends redis-server postgresql >/dev/null
fi
install_from="${N8N_INSTALL_DIR:-../shared/n8n-install}"
n8n_dir=".tools/n8n"
if [ ! -x "$n8n_dir/node_modules/.bin/n8n" ]; then
  echo "queue-mode: installing n8n from $install_from into $n8n_dir (about 2.7 GB, a few minutes)" >&2
  mkdir -p "$n8n_dir"
  cp "$install_from/package.json" "$install_from/package-lock.json" "$n8n_dir/"
  # --ignore-scripts: one dependency's install step downloads sources from the internet.
  (cd "$n8n_dir" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error && env ${NODE24_NODEDIR:+npm_config_nodedir="$NODE24_NODEDIR"} npm rebuild sqlite3 isolated-vm --loglevel=error)
fi
npm run build --silent
work="$(mktemp -d /tmp/n8n-queue-mode.XXXXXX)"
chmod 755 "$work"
# The orchestrator stops what it started on exit and on INT/TERM; this trap is the second line:
# whatever is still running under $work (a Postgres cluster, Redis, n8n) is stopped here.
cleanup() {
  local rc=$?
  if [ -n "${orchestrator:-}" ] && kill -0 "$orchestrator" 2>/dev/null; then
    kill -TERM "$orchestrator" 2>/dev/null || true
    wait "$orchestrator" 2>/dev/null || true
  fi
  if [ -f "$work/pg/postmaster.pid" ]; then
    su postgres -s /bin/sh -c "$(ls -d /usr/lib/postgresql/*/bin | tail -1)/pg_ctl -D '$work/pg' -m immediate stop" >/dev/null 2>&1 || true
  fi
  for pidfile in "$work"/pids/*; do
    [ -f "$pidfile" ] || continue
    kill -KILL -- "-$(cat "$pidfile")" 2>/dev/null || true
  done
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
node -r ./test/support/register.cjs test/queue-mode/run.cts "$PWD/$n8n_dir/node_modules/.bin/n8n" "$work" "$@" &
orchestrator=$!
wait "$orchestrator"
