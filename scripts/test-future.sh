#!/usr/bin/env bash
# The domain and local-store tests with the system clock moved 400 days ahead (libfaketime): no test or program
# code below the window may read the wall clock except through the injected clock, so none may fail here.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export QT_QPA_PLATFORM=offscreen
core_tests=(
  tests/test_address_book.py tests/test_apply_fuzz.py tests/test_audit.py tests/test_cancel.py
  tests/test_certificates.py tests/test_check_digits.py tests/test_crash.py tests/test_daily.py
  tests/test_demo_town.py tests/test_disaster.py tests/test_household.py tests/test_juminhyo_pool.py
  tests/test_kana.py tests/test_keys.py tests/test_misentry.py tests/test_move_out.py tests/test_mynumber_import.py
  tests/test_notices.py tests/test_population.py tests/test_protection.py tests/test_purge.py
  tests/test_registry.py tests/test_replication.py tests/test_returning.py tests/test_staff.py
  tests/test_staff_events.py tests/test_store_basics.py tests/test_sync_envelope.py tests/test_totp.py
  tests/test_wareki.py
)
ahead=$(( $(faketime -f "+400d" .venv/bin/python -c 'import time; print(int(time.time()))') - $(date +%s) ))
if [ "$ahead" -lt $(( 399 * 86400 )) ]; then
  echo "faketime did not move the clock ahead (by ${ahead} s)" >&2
  exit 1
fi
exec faketime -f "+400d" .venv/bin/python -m pytest -q -p no:cacheprovider "${core_tests[@]}" "$@"
