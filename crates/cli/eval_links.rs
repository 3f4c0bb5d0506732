//! `govtrail eval-links`: a linker run scored against a file of expected links.

use anyhow::Context;
use govtrail_link::calibration::{reliability, FITTED};
use govtrail_link::{evaluate, score_pairs, ExpectedLinks, LinkConfig};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct EvalLinksArgs {
    /// File of expected links: `{"must": [...], "must_not": [...]}`, each pair
    /// `[[document, ref], [document, ref]]` or `{"pair": [...], "note": "..."}`.
    #[arg(long)]
    expected: PathBuf,
    /// Folder of converted documents; its links.json is used when present.
    #[command(flatten)]
    dir: crate::args::InDir,
}

/// `part` over `whole`; 1 when there is nothing to count.
fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

pub fn run(args: EvalLinksArgs) -> anyhow::Result<ExitCode> {
    let bytes = std::fs::read(&args.expected)
        .with_context(|| format!("{}: cannot read", args.expected.display()))?;
    let expected: ExpectedLinks = serde_json::from_slice(&bytes)
        .with_context(|| format!("{}: not an expected-links file", args.expected.display()))?;
    let docs = govtrail_store::read_documents(args.dir.path())?;
    let links = crate::link::links_of(args.dir.path(), &docs)?;
    let ids: Vec<&str> = docs.iter().map(|d| d.document.id.as_str()).collect();
    let e = evaluate(&links, &expected, &ids);
    for (a, b) in &e.skipped {
        println!(
            "skipped (document not converted): {} {} - {} {}",
            a.document, a.reference, b.document, b.reference
        );
    }
    let shortfall = score_pairs(&docs, &e.missed, &LinkConfig::default());
    for ((a, b), scored) in e.missed.iter().zip(shortfall) {
        let score = scored.map_or_else(
            || "not an item".to_owned(),
            |(s, why)| format!("score {s:.3}: {why}"),
        );
        println!(
            "missed: {} {} - {} {} ({score})",
            a.document, a.reference, b.document, b.reference
        );
    }
    for (a, b) in &e.spurious {
        println!(
            "spurious: {} {} - {} {}",
            a.document, a.reference, b.document, b.reference
        );
    }
    for (a, b) in &e.must_not_joined {
        println!(
            "must-not pair in one thread: {} {} - {} {}",
            a.document, a.reference, b.document, b.reference
        );
    }
    // How often each band of confidence was right: whether the calibration holds here.
    for bin in reliability(&e.verdicts, &FITTED) {
        println!("{bin}");
    }
    println!(
        "must-not pairs kept apart {}/{}",
        e.must_not - e.must_not_joined.len(),
        e.must_not
    );
    println!(
        "thread purity {:.3} ({}/{} pairs of judged items sharing a thread are one judged issue)",
        e.purity(),
        e.thread_pairs_one_issue,
        e.thread_pairs
    );
    println!(
        "must-pair recall {:.3} ({}/{} in one thread, {} linked directly); precision in scope {:.3} ({}/{} links)",
        e.recall(),
        e.found,
        e.must,
        e.found_direct,
        e.precision(),
        e.correct,
        e.in_scope
    );
    for (kind, &(pairs, found)) in &e.must_kinds {
        println!(
            "[{kind}] must-pair recall {:.3} ({found}/{pairs})",
            ratio(found, pairs)
        );
    }
    for (kind, &(pairs, apart)) in &e.must_not_kinds {
        println!("[{kind}] kept apart {apart}/{pairs}");
    }
    Ok(if e.missed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
