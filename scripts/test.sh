#!/usr/bin/env bash
# Sets everything up and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The test cloud: PouchDB Server from the npm registry (pinned), and PouchDB itself for the sync benchmark.
if [ ! -x .cache/node/node_modules/.bin/pouchdb-server ]; then
  npm install --prefix .cache/node --no-audit --no-fund --loglevel=error \
    pouchdb-server@4.2.0 pouchdb@9.0.0 pouchdb-adapter-memory@9.0.0
fi
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
