#!/usr/bin/env bash
# Sets everything up and runs the whole test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The test cloud: PouchDB Server from the npm registry (pinned), and PouchDB itself for the sync benchmark.
# --ignore-scripts: the in-memory server needs no native build (sqlite3 would otherwise compile from source,
# which takes a minute and fails without a C++ compiler); leveldown ships prebuilt binaries.
if [ ! -x .cache/node/node_modules/.bin/pouchdb-server ]; then
  if ! command -v npm >/dev/null; then
    echo "Node.js 20 and npm are needed for the sync tests (PouchDB Server): install them first" >&2
    exit 1
  fi
  npm install --prefix .cache/node --ignore-scripts --save-exact --no-audit --no-fund --loglevel=error \
    pouchdb-server@4.2.0 pouchdb@9.0.0 pouchdb-adapter-memory@9.0.0
fi
export QT_QPA_PLATFORM=offscreen
exec .venv/bin/python -m pytest "$@"
