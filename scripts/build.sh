#!/usr/bin/env bash
# Builds the program as one folder, dist/Madoguchi/ (PyInstaller, installer/madoguchi.spec), then runs the frozen
# program's self-test: the build fails when the self-test fails. Linux; for Windows see installer/madoguchi.iss.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/python -m pip install -q -e ".[build]"
started=$(date +%s)
rm -rf dist/Madoguchi build/pyinstaller
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN --distpath dist --workpath build/pyinstaller \
  installer/madoguchi.spec
echo "built dist/Madoguchi in $(( $(date +%s) - started )) s, $(du -sm dist/Madoguchi | cut -f1) MB"
dist/Madoguchi/Madoguchi --self-test
