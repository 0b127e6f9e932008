#!/usr/bin/env bash
# Sets up everything Madoguchi needs on a fresh Debian machine with Python 3.11: system libraries for Qt,
# a virtualenv in .venv with the program and its test tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
# Qt's libraries (offscreen and X11), Japanese fonts (IPAex for the window, IPAmj明朝 for MJ characters such as 𠮷),
# poppler-utils (pdftoppm) to render forms to PNG, and faketime (libfaketime) for the tests run with the clock a
# year ahead.
packages=(
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0
  fonts-ipaexfont-gothic fonts-ipaexfont-mincho fonts-ipamj-mincho
  poppler-utils faketime
)
for pkg in "${packages[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "Missing system packages (install them as root): ${need_apt[*]}" >&2
    exit 1
  fi
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
# The window's English catalogue, compiled from its source (only the .ts is kept in git; see ui/common/translations.py).
.venv/bin/pyside6-lrelease -silent ui/locale/madoguchi_en.ts -qm ui/locale/madoguchi_en.qm
