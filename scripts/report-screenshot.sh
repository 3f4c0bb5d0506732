#!/usr/bin/env bash
# Makes docs/report.png, the README's picture: the seeds converted, linked (when the linker is
# built in) and reported, then the report shot in headless Chromium at 1280x2000, opened with
# the search pre-filled (default: the ERP replacement, Oracle, which every seed year touches).
# Usage: scripts/report-screenshot.sh [OUTPUT_DIR [QUERY]]   (defaults: output, Oracle; "" for none)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-output}"
query="${2-Oracle}"
cargo build --release --quiet
bin=target/release/govtrail
"$bin" convert seeds --out "$out"
if "$bin" link --help >/dev/null 2>&1; then
  "$bin" link "$out"
fi
"$bin" report --in "$out" --out "$out/report.html"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
mkdir -p docs
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --screenshot="$PWD/docs/report.png" --window-size=1280,2000 \
  "file://$(cd "$out" && pwd)/report.html${query:+?q=${query// /%20}}" 2>/dev/null
ls -l docs/report.png
