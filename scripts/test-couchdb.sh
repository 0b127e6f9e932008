#!/usr/bin/env bash
# The sync, bundle, purge and audit-sync tests again, against a real Apache CouchDB 3.5.0 (the cloud's engine) rather
# than PouchDB Server: started from the prebuilt release in ../shared/couchdb (or $COUCHDB_DIR) on a free loopback
# port, into a temporary folder, and stopped afterwards. Skipped, saying so, when that release is not there.
set -euo pipefail
cd "$(dirname "$0")/.."
couchdb_dir=${COUCHDB_DIR:-../shared/couchdb}
if [ ! -x "$couchdb_dir/start-couchdb.sh" ]; then
  echo "No CouchDB release in $couchdb_dir: the tests against the real CouchDB are skipped" >&2
  exit 0
fi
bash scripts/setup.sh
port=$(.venv/bin/python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
password=$(.venv/bin/python -c 'import secrets; print(secrets.token_urlsafe(18))')
workdir=$(mktemp -d)
trap 'bash "$couchdb_dir/stop-couchdb.sh" "$workdir" >/dev/null 2>&1 || true; rm -rf "$workdir"' EXIT
url=$(bash "$couchdb_dir/start-couchdb.sh" "$workdir" "$port" "$password" | tail -n 1)
export MADOGUCHI_TEST_COUCHDB_URL="http://admin:${password}@${url#http://}"
export QT_QPA_PLATFORM=offscreen
.venv/bin/python -m pytest -q -p no:cacheprovider tests/sync tests/local_store/test_purge.py "$@"
