#!/usr/bin/env bash
# Sets everything up, creates the synthetic demo municipality (once) and starts the window.
# The demo keeps its replica key in a keyring file under demo-data/ (an explicit choice for synthetic data only;
# a real terminal uses the OS keyring or a passphrase).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export PYTHON_KEYRING_BACKEND=keyrings.alt.file.PlaintextKeyring
export XDG_DATA_HOME="$PWD/demo-data/keyring"
data="$PWD/demo-data/replica"
if [ ! -f "$data/registry.db" ]; then
  .venv/bin/python main.py --data-dir "$data" init --demo "${DEMO_RESIDENTS:-3000}" --seed 1
fi
exec .venv/bin/python main.py --data-dir "$data" "$@"
