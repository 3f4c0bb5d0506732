//! `govtrail link`: converted documents in, `links.json` out.

use crate::output::write_json;
use anyhow::Context;
use govtrail_link::{link, LinkConfig, Links};
use govtrail_model::DocumentOutput;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct LinkArgs {
    #[command(flatten)]
    input: crate::args::InDir,
    /// Pairs scoring below this (0 to 1) are not linked.
    #[arg(long, default_value_t = LinkConfig::default().min_score, value_parser = unit_interval)]
    min_score: f64,
    /// Pairs scoring at least this (0 to 1) may give an item several partners in one document
    /// and may merge established threads.
    #[arg(long, default_value_t = LinkConfig::default().strong_score, value_parser = unit_interval)]
    strong_score: f64,
}

/// A score option: a finite number from 0 to 1 (`--min-score 5` or `NaN` is refused).
pub fn unit_interval(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .parse()
        .map_err(|_| format!("{text:?} is not a number"))?;
    if value.is_finite() && (0.0..=1.0).contains(&value) {
        Ok(value)
    } else {
        Err(format!("{text} is not a score from 0 to 1"))
    }
}

pub fn run(args: LinkArgs) -> anyhow::Result<ExitCode> {
    let dir = args.input.path();
    let docs = read_documents(dir)?;
    if args.strong_score < args.min_score {
        anyhow::bail!(
            "--strong-score {} is below --min-score {}: a strong link must first be a link",
            args.strong_score,
            args.min_score
        );
    }
    let config = LinkConfig {
        min_score: args.min_score,
        strong_score: args.strong_score,
        ..LinkConfig::default()
    };
    let started = Instant::now();
    let links = link(&docs, &config);
    let elapsed = started.elapsed();
    let path = dir.join("links.json");
    write_json(&path, &links)?;
    for duplicate in &links.duplicates {
        eprintln!(
            "warning: {}: repeats {}, left out of linking",
            duplicate.document, duplicate.same_as
        );
    }
    let items: usize = docs.iter().map(|d| d.actions.len()).sum();
    println!(
        "linked {} actions of {} documents in {:.0} ms: {} threads, {} links written to {}",
        items,
        docs.len(),
        elapsed.as_secs_f64() * 1000.0,
        links.threads.len(),
        links.links.len(),
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// The converted documents in `dir` ([`govtrail_output::document_files`]: those the last
/// convert listed, at any depth). A JSON file that is not a converted document is skipped with
/// a warning.
pub fn read_documents(dir: &Path) -> anyhow::Result<Vec<DocumentOutput>> {
    let paths = govtrail_output::document_files(dir)?;
    let mut docs = Vec::new();
    for path in paths {
        let bytes =
            std::fs::read(&path).with_context(|| format!("{}: cannot read", path.display()))?;
        match serde_json::from_slice::<DocumentOutput>(&bytes) {
            Ok(doc) => docs.push(doc),
            Err(err) => tracing::warn!(
                "{}: not a converted document, skipped: {err}",
                path.display()
            ),
        }
    }
    if docs.is_empty() {
        anyhow::bail!("{}: no converted documents (*.json) found", dir.display());
    }
    Ok(docs)
}

/// The links of `dir`: its `links.json` if there is one, else linked now.
pub fn links_of(dir: &Path, docs: &[DocumentOutput]) -> anyhow::Result<Links> {
    let path = dir.join("links.json");
    if path.exists() {
        let bytes =
            std::fs::read(&path).with_context(|| format!("{}: cannot read", path.display()))?;
        return serde_json::from_slice(&bytes)
            .with_context(|| format!("{}: not a links file", path.display()));
    }
    Ok(link(docs, &LinkConfig::default()))
}
