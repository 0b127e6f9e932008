#!/usr/bin/env bash
# The domain, local-store, report and command-line tests with the system clock moved 400 days ahead (libfaketime):
# no test or program code below the window may read the wall clock except through the injected clock, so none may
# fail here.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
core_tests=(tests/domain tests/demo tests/local_store tests/reports tests/cli)
ahead=$(( $(faketime -f "+400d" .venv/bin/python -c 'import time; print(int(time.time()))') - $(date +%s) ))
if [ "$ahead" -lt $(( 399 * 86400 )) ]; then
  echo "faketime did not move the clock ahead (by ${ahead} s)" >&2
  exit 1
fi
exec faketime -f "+400d" .venv/bin/python -m pytest -q -p no:cacheprovider "${core_tests[@]}" "$@"
