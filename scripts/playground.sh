#!/usr/bin/env bash
# `npm run playground`: a real n8n 2.x with this package, the simulator and the examples, for
# trying the nodes by hand in the editor. Installs n8n once (about 2.7 GB, a few minutes; shared
# with `npm run test:real-n8n`), builds, then runs test/real-n8n/playground.cts until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/real-n8n.sh --n8n 2 --install-only
source scripts/node24.sh
npm run build --silent
exec node -r ./test/support/register.cjs test/real-n8n/playground.cts "$PWD/.tools/n8n/node_modules/.bin/n8n"
