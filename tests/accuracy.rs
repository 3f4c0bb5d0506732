//! The accuracy test: every seed and every layout of the development set that has a gold
//! extraction is converted and scored field by field; each family must reach the bars its
//! issue set (layouts of gold family `any`: ref F1 0.95, fields 0.90). Figures are printed for
//! every run (`cargo test --test accuracy -- --nocapture` shows them).

mod common;

use govtrail_eval::{bars_for_gold, score_document, DocScore};
use std::path::{Path, PathBuf};

/// The gold sets: (gold folder, folder of the documents they score).
fn gold_sets() -> [(PathBuf, PathBuf); 2] {
    let root = common::root();
    [
        (root.join("fixtures").join("gold"), root.join("seeds")),
        (
            root.join("fixtures").join("layouts").join("gold"),
            root.join("fixtures").join("layouts").join("docs"),
        ),
    ]
}

fn scores_of(gold_dir: &Path, docs_dir: &Path) -> Vec<DocScore> {
    let golds = common::gold_documents_in(gold_dir);
    assert!(!golds.is_empty(), "{}: no gold files", gold_dir.display());
    golds
        .iter()
        .map(|gold| {
            let id = gold["document"].as_str().expect("gold names its document");
            let output = common::convert_file(&docs_dir.join(id))
                .ok()
                .and_then(|docs| docs.into_iter().next())
                .map(|doc| serde_json::to_value(doc).expect("output serialises"));
            score_document(gold, output.as_ref())
        })
        .collect()
}

#[test]
fn every_document_reaches_its_family_bars() {
    let mut failures = Vec::new();
    for (gold_dir, docs_dir) in gold_sets() {
        for score in scores_of(&gold_dir, &docs_dir) {
            let bars = bars_for_gold(&score.family).expect("gold family is known");
            println!("{}", score.summary());
            print!("{}", score.field_table());
            if !score.passes(bars) {
                failures.push(format!(
                    "{}: F1 {:.3} (bar {}), fields {:.3} (bar {})",
                    score.document,
                    score.ref_f1,
                    bars.min_ref_f1,
                    score.field_accuracy(),
                    bars.min_field
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "below the bars:\n{}",
        failures.join("\n")
    );
}

/// The Rust scorer and the project's Python scorer (`scripts/score_extraction.py`, a copy of
/// the published one that `tests/gold_copy.rs` keeps in step) must print the same line for
/// every document of both gold sets. Needs `python3`, which every machine here has: a missing
/// interpreter fails the test rather than passing it unchecked.
#[test]
fn rust_scores_agree_with_the_python_scorer() {
    let scorer = common::root().join("scripts").join("score_extraction.py");
    assert!(scorer.is_file(), "{} is missing", scorer.display());
    for (gold_dir, docs_dir) in gold_sets() {
        let out = tempfile::tempdir().expect("tempdir");
        for doc in common::files_in(&docs_dir) {
            for doc in common::convert_file(&doc).unwrap_or_default() {
                let path = out.path().join(format!("{}.json", doc.document.id));
                std::fs::write(&path, serde_json::to_vec(&doc).expect("serialises"))
                    .expect("write");
            }
        }
        let run = std::process::Command::new("python3")
            .arg(&scorer)
            .arg(&gold_dir)
            .arg(out.path())
            .args(["--min-ref-f1", "0", "--min-field", "0"])
            .output()
            .expect("python3 runs the scorer");
        let printed = String::from_utf8_lossy(&run.stdout);
        for score in scores_of(&gold_dir, &docs_dir) {
            let line = printed
                .lines()
                .find(|l| l.starts_with(&format!("{}:", score.document)))
                .unwrap_or_else(|| {
                    panic!("the python scorer printed no line for {}", score.document)
                });
            if !score.has_output {
                assert!(line.contains("no output"), "{line}");
                continue;
            }
            assert_eq!(line, score.summary(), "python and rust scorers disagree");
        }
    }
}
