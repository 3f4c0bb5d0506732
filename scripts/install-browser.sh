#!/usr/bin/env bash
# Installs headless Chromium for the browser test (tests/report_browser.rs) on Debian/Ubuntu.
# Idempotent: does nothing when chromium is already on PATH. Needs root (or sudo) to install.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  echo "chromium already installed: $(command -v chromium)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
$SUDO apt-get update
$SUDO apt-get install -y chromium
command -v chromium
