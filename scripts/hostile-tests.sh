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

# The memory ceiling of the release binary: a text input converts or fails within 1 GB + 20
# times its size, in seconds. Each family's header over two million one-word rows (a fresh ref
# on each) is refused at the row limit; the same rows just under the limit convert.
cargo build --release --quiet
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(
    ulimit -v 4194304
    python3 - ./target/release/govtrail "$work" <<'PY'
import os, re, subprocess, sys, time

binary, work = sys.argv[1], sys.argv[2]
families = {
    "ags": ("Issue\tKey improvement area\tActions to be taken (responsibility and date of "
            "implementation)\tUpdate on implementation of actions as at 31 January 2019\n",
            "{i}\tArea {i}\tAct. Director March 2019\tDone\n"),
    "review": ("Ref\tAction\tResponsible Lead\tDelivery Date\tMeasure of Success\t"
               "Commentary / Progress\n", "S{i}\tAct\tLead\tMay 2022\tOk\tDone\n"),
    "tracker": ("Workstream\tRef\tAction\tDirector Lead\tCabinet Member\tOther Leads\t"
                "Update Owner (if different)\tStart date\tDue date\tMain Action Risk\t"
                "Status (September 2023)\tUpdate (Initial and Date)(September 2023)\n",
                "W\tOC.A{i}\tAct\tCEO\t\t\t\t\t\t\tOn Track\tOk\n"),
    "corporate": ("Theme\n\n\tCP Ref\tDeliverable\tBP Ref.\tKey deliverables (Directorate "
                  "Action)\tQ3 Rating - RAG\tQ3 October - December\n",
                  "\tIR{i}\tDel\tCH{i}\tAct\tOn Track\tOk\n"),
    "action-plan": ("Governance Issue\tAction\tUpdate\tBy When\tBy Whom\n",
                    "Issue {i}\tAct\tDone\tMay 2023\tHead\n"),
    "csv": ("Code,Status,Key Action,Target Date,Responsible Officer,Progress\n",
            "A{i},On target,Act,Q4 2016/17,Head,Ok\n"),
}
help_text = subprocess.run([binary, "convert", "--help"], capture_output=True, text=True).stdout
limit = int(re.search(r"--max-rows <ROWS>.*?\[default: (\d+)\]", help_text, re.S).group(1))
failed = False
for family, (header, row) in families.items():
    sizes = [2_000_000, limit - 10]
    for rows in sizes:
        path = f"{work}/{family}-{rows}.txt"
        with open(path, "w") as f:
            f.write(header)
            f.writelines(row.format(i=i) for i in range(rows))
        size = os.path.getsize(path)
        start = time.monotonic()
        with open(f"{work}/stderr", "w+") as stderr:
            child = subprocess.Popen([binary, "-q", "convert", path, "--out", f"{work}/out"],
                                     stdout=subprocess.DEVNULL, stderr=stderr)
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
            stderr.seek(0)
            message = stderr.read().strip()
        seconds = time.monotonic() - start
        peak = usage.ru_maxrss * 1024
        ceiling = 2**30 + 20 * size
        refused = f"more than {limit} rows" in message
        expected = refused if rows > limit else child.returncode == 0
        ok = expected and peak <= ceiling and seconds < 30
        print(f"{family:12} {rows:>9} rows {size / 1e6:6.1f} MB: exit {child.returncode}, "
              f"peak {peak / 1e6:6.1f} MB (ceiling {ceiling / 1e6:.0f} MB), {seconds:4.1f} s"
              f"{'' if ok else '  FAILED ' + message[:200]}")
        failed |= not ok
        os.remove(path)
sys.exit(1 if failed else 0)
PY
)
