"""Checks a `govtrail export` file against the actions.jsonl beside it, as a user's own
Python would read it: the csv module for CSV, openpyxl for xlsx.

usage: check_export.py ACTIONS_JSONL EXPORT_FILE
Prints the number of rows checked; exits non-zero naming the first difference.
"""
import csv
import datetime
import json
import sys

COLUMNS = ["document", "year", "family", "ref", "kind", "parent", "title", "text", "owners",
           "due_raw", "due_date", "status_raw", "rag", "latest_update", "source_line"]


def expected_rows(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            due = a.get("due") or {}
            status = (a.get("status") or [{}])[-1]
            update = (a.get("updates") or [{}])[-1]
            rows.append([
                a["document"], "" if a["year"] is None else str(a["year"]), a["family"],
                a["ref"] or "", a["kind"], a["parent"] or "", a["title"] or "", a["text"],
                "; ".join(a["owners"]), due.get("raw") or "", due.get("date") or "",
                status.get("raw") or "", status.get("rag") or "", update.get("text") or "",
                str(a["source"]["line"]),
            ])
    return rows


def csv_rows(path):
    with open(path, "rb") as f:
        if not f.read(3) == b"\xef\xbb\xbf":
            sys.exit(f"{path}: no UTF-8 byte-order mark")
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def xlsx_rows(path):
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheet = book.active
    if sheet.freeze_panes != "A2":
        sys.exit(f"{path}: header row not frozen ({sheet.freeze_panes})")
    if not sheet.auto_filter.ref or not sheet.auto_filter.ref.startswith("A1:"):
        sys.exit(f"{path}: no autofilter over the header ({sheet.auto_filter.ref})")
    if not sheet.column_dimensions["H"].width or sheet.column_dimensions["H"].width < 30:
        sys.exit(f"{path}: the text column keeps the default width")

    def text(value):
        if value is None:
            return ""
        if isinstance(value, datetime.datetime):
            return value.date().isoformat()
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    return [[text(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def main():
    actions, export = sys.argv[1], sys.argv[2]
    rows = xlsx_rows(export) if export.endswith(".xlsx") else csv_rows(export)
    if not rows or rows[0] != COLUMNS:
        sys.exit(f"{export}: header {rows[:1]} is not {COLUMNS}")
    expected = expected_rows(actions)
    got = rows[1:]
    if len(got) != len(expected):
        sys.exit(f"{export}: {len(got)} rows, actions.jsonl has {len(expected)} actions")
    for n, (g, e) in enumerate(zip(got, expected), start=2):
        for name, gv, ev in zip(COLUMNS, g, e):
            if gv != ev:
                sys.exit(f"{export}: row {n} ({e[0]} {e[3]}): {name} is {gv!r}, actions.jsonl says {ev!r}")
    print(len(got))


main()
