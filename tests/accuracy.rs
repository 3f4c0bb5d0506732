//! The accuracy test: every seed that has a gold extraction is converted and scored field by
//! field; each family must reach the bars its issue set. Figures are printed for every run
//! (`cargo test --test accuracy -- --nocapture` shows them).

mod common;

use govtrail_eval::{bars_for, score_document, DocScore};
use govtrail_model::Family;

fn scores() -> Vec<DocScore> {
    common::gold_documents()
        .iter()
        .map(|gold| {
            let id = gold["document"].as_str().expect("gold names its document");
            let output = common::convert_file(&common::root().join("seeds").join(id))
                .ok()
                .and_then(|docs| docs.into_iter().next())
                .map(|doc| serde_json::to_value(doc).expect("output serialises"));
            score_document(gold, output.as_ref())
        })
        .collect()
}

#[test]
fn every_seed_reaches_its_family_bars() {
    let mut failures = Vec::new();
    for score in scores() {
        let family = Family::from_name(&score.family).expect("gold family is known");
        let bars = bars_for(family);
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
    assert!(
        failures.is_empty(),
        "below the bars:\n{}",
        failures.join("\n")
    );
}

/// The Rust scorer and the project's Python scorer must agree on every figure. Skipped (with a
/// message) where `python3` or `../shared/tools/score_extraction.py` is missing.
#[test]
fn rust_scores_agree_with_the_python_scorer() {
    let Some(shared) = common::shared() else {
        println!("skipped: ../shared is not beside the repository");
        return;
    };
    let scorer = shared.join("tools").join("score_extraction.py");
    if !scorer.is_file() {
        println!("skipped: {} is missing", scorer.display());
        return;
    }
    let out = tempfile::tempdir().expect("tempdir");
    for seed in common::seeds() {
        for doc in common::convert_file(&seed).unwrap_or_default() {
            let path = out.path().join(format!("{}.json", doc.document.id));
            std::fs::write(&path, serde_json::to_vec(&doc).expect("serialises")).expect("write");
        }
    }
    let run = std::process::Command::new("python3")
        .arg(&scorer)
        .arg(common::root().join("fixtures").join("gold"))
        .arg(out.path())
        .args(["--min-ref-f1", "0", "--min-field", "0"])
        .output();
    let Ok(run) = run else {
        println!("skipped: python3 is not installed");
        return;
    };
    let printed = String::from_utf8_lossy(&run.stdout);
    for score in scores() {
        let line = printed
            .lines()
            .find(|l| l.starts_with(&format!("{}:", score.document)))
            .unwrap_or_else(|| panic!("the python scorer printed no line for {}", score.document));
        if !score.has_output {
            assert!(line.contains("no output"), "{line}");
            continue;
        }
        let ours = score.summary();
        assert_eq!(line, ours, "python and rust scorers disagree");
    }
}
