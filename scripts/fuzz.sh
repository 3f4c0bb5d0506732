#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for a bounded time and fails on the first crash.
#
#   scripts/fuzz.sh [SECONDS]      # default 60 seconds per target
#
# cargo-fuzz needs nightly-only compiler flags (-Z sanitizer, -C passes=sancov-module). With only
# the stable toolchain installed, RUSTC_BOOTSTRAP=1 lets the stable compiler accept them; that
# is the trick used here (unsupported by the Rust project, fine for a local fuzzing run).
#
# Corpora are seeded from seeds/* and fixtures/** (not committed: fuzz/corpus is ignored).
# A crash leaves its input in fuzz/artifacts/<target>/; pin it as a regression test in
# tests/fuzz_regressions.rs before fixing it.
set -euo pipefail

seconds="${1:-60}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if ! command -v cargo-fuzz >/dev/null 2>&1; then
    echo "fuzz.sh: installing cargo-fuzz" >&2
    cargo install --locked cargo-fuzz
fi

export RUSTC_BOOTSTRAP=1
targets=$(cargo fuzz list --fuzz-dir fuzz)

for target in $targets; do
    corpus="fuzz/corpus/$target"
    mkdir -p "$corpus"
    find seeds fixtures -type f ! -path 'fixtures/gold/*' -print0 |
        while IFS= read -r -d '' file; do
            cp "$file" "$corpus/seed-$(echo "$file" | tr '/' '_')"
        done
done

status=0
for target in $targets; do
    echo "fuzz.sh: $target for ${seconds}s" >&2
    # -rss_limit_mb: the conversion copies an input a few times; -max_len: large enough for
    # whole seed documents, small enough to keep executions fast.
    if ! cargo fuzz run --fuzz-dir fuzz --release "$target" -- \
        -max_total_time="$seconds" -max_len=262144 -rss_limit_mb=4096 -timeout=10; then
        echo "fuzz.sh: $target found a crash; its input is in fuzz/artifacts/$target/" >&2
        status=1
    fi
done
exit "$status"
