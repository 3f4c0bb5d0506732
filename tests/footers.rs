//! One footer, one answer: a page footer inserted mid-table into any document is read as a
//! footer (in `structure`) by every family's parser, never as a fragment, an action, text
//! appended to an update, or an unparsed line.

mod common;

use govtrail_convert::{convert, ConvertOptions};
use govtrail_model::{DocumentOutput, StructureRole};
use std::path::Path;

/// The footers councils' page breaks print.
const FOOTERS: [&str; 4] = [
    "Page 3 of 12",
    "[OFFICIAL]",
    "OFFICIAL - SENSITIVE",
    "- 7 -",
];

fn convert_text(name: &str, text: &str) -> DocumentOutput {
    convert(name, text.as_bytes(), &ConvertOptions::default())
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .remove(0)
}

/// `text` with `footer` inserted as a line of its own before line `line` (1-based).
fn insert_line(text: &str, line: usize, footer: &str) -> String {
    let mut lines: Vec<&str> = text.split('\n').collect();
    lines.insert(line - 1, footer);
    lines.join("\n")
}

fn probe(path: &Path) {
    let name = path
        .file_name()
        .expect("file name")
        .to_string_lossy()
        .into_owned();
    let text = std::fs::read_to_string(path).expect("text input");
    let clean = convert_text(&name, &text);
    assert!(clean.actions.len() >= 3, "{name}: too few actions to probe");
    // Between two records, and inside a record (before a line that continues it).
    let between = clean.actions[clean.actions.len() / 2].source.line;
    let inside = clean
        .actions
        .iter()
        .find_map(|a| a.source.lines.get(1).copied())
        .unwrap_or(between);
    for footer in FOOTERS {
        for at in [between, inside] {
            let damaged = convert_text(&name, &insert_line(&text, at, footer));
            let role = damaged
                .structure
                .iter()
                .find(|s| s.line == at)
                .map(|s| s.role);
            assert_eq!(
                role,
                Some(StructureRole::Footer),
                "{name}: {footer:?} inserted at line {at} is not read as a footer"
            );
            assert_eq!(
                damaged.actions.len(),
                clean.actions.len(),
                "{name}: {footer:?} at line {at} changed the number of actions"
            );
            let leaked = damaged.actions.iter().find(|a| {
                a.text.contains(footer)
                    || a.updates.iter().any(|u| u.text.contains(footer))
                    || a.fragments.iter().any(|f| f.line == at)
            });
            assert!(
                leaked.is_none(),
                "{name}: {footer:?} at line {at} leaked into action {:?}",
                leaked.and_then(|a| a.reference.clone())
            );
        }
    }
}

#[test]
fn a_footer_inserted_in_any_seed_is_a_footer() {
    for seed in common::seeds() {
        probe(&seed);
    }
}

#[test]
fn a_footer_inserted_in_any_layout_is_a_footer() {
    let docs = common::root().join("fixtures").join("layouts").join("docs");
    for doc in common::files_in(&docs) {
        if doc.extension().is_some_and(|e| e == "txt") {
            probe(&doc);
        }
    }
}
