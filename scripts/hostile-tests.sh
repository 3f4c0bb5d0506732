#!/usr/bin/env bash
# Runs tests/hostile_readers.rs under a 4 GB address-space cap and a time limit: an input
# that falls back into densifying a sheet, inflating a ZIP bomb or looping in an OLE reader
# aborts on the cap (allocation failure) or overruns the limit, and the script fails.
#
#   scripts/hostile-tests.sh
set -euo pipefail
cd "$(dirname "$0")/.."

# Build first, without the cap: the compiler and linker are not under test.
binary=$(cargo test --test hostile_readers --no-run --message-format=json 2>/dev/null |
    python3 -c 'import json,sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m["target"]["name"] == "hostile_readers" and m.get("executable"):
        print(m["executable"])')
if [ -z "$binary" ]; then
    echo "hostile-tests.sh: could not build tests/hostile_readers.rs" >&2
    exit 1
fi

(
    ulimit -v 4194304
    timeout 300 "$binary" --test-threads=1
)
