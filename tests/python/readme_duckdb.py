"""Runs the SQL blocks of the README's DuckDB section in DIR (which holds `output/`), and
checks what they return against actions.jsonl and links.json read with plain json.

usage: readme_duckdb.py README DIR
"""
import collections
import json
import os
import re
import sys

import duckdb


def main():
    readme, directory = sys.argv[1], sys.argv[2]
    text = open(readme, encoding="utf-8").read()
    section = re.search(r"^## Querying with DuckDB\n(.*?)(?=^## )", text, re.S | re.M)
    if not section:
        sys.exit(f"{readme}: no '## Querying with DuckDB' section")
    blocks = re.findall(r"```sql\n(.*?)```", section.group(1), re.S)
    if len(blocks) != 2:
        sys.exit(f"{readme}: expected 2 sql blocks in the DuckDB section, found {len(blocks)}")
    os.chdir(directory)
    actions = [json.loads(l) for l in open("output/actions.jsonl", encoding="utf-8")]
    links = json.load(open("output/links.json", encoding="utf-8"))

    per_year = duckdb.sql(blocks[0]).fetchall()
    counted = collections.Counter((a["family"], a["year"]) for a in actions)
    if sorted(per_year, key=str) != sorted(((f, y, n) for (f, y), n in counted.items()), key=str):
        sys.exit(f"actions per family and year: DuckDB gives {per_year}, actions.jsonl {dict(counted)}")

    members = duckdb.sql(blocks[1]).fetchall()
    if not members:
        sys.exit("the thread query returns no row")
    in_threads = {(t["id"], m["document"], m["ref"]) for t in links["threads"] for m in t["members"]}
    refs = {(a["document"], a["ref"]) for a in actions}
    for row in members:
        thread, _year, document, ref = row[:4]
        if (thread, document, ref) not in in_threads or (document, ref) not in refs:
            sys.exit(f"the thread query returns {row}, which is not a thread member's action")
    print(f"{len(per_year)} family-years, {len(members)} thread members")


main()
