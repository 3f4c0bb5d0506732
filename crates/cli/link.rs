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
    let docs = govtrail_store::read_documents(dir)?;
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

/// The links of `dir`'s `links.json`, if it has one: read when it was made from the documents
/// the last convert wrote, linked again now (with a warning) when it is stale, so that no
/// command shows threads of documents that are gone.
pub fn recorded_links(dir: &Path, docs: &[DocumentOutput]) -> anyhow::Result<Option<Links>> {
    let path = dir.join("links.json");
    if !path.is_file() {
        return Ok(None);
    }
    if let Some(stale) = govtrail_output::stale_links(dir)? {
        eprintln!(
            "warning: {}: {}; linked again for this command (run `govtrail link --in {}` to refresh it)",
            crate::terminal::escape(&stale.path.display().to_string()),
            crate::terminal::escape(&stale.reason),
            crate::terminal::escape(&dir.display().to_string())
        );
        return Ok(Some(link(docs, &LinkConfig::default())));
    }
    let bytes = std::fs::read(&path).with_context(|| format!("{}: cannot read", path.display()))?;
    serde_json::from_slice(&bytes)
        .map(Some)
        .with_context(|| format!("{}: not the links.json of the contract", path.display()))
}

/// The links of `dir`: its current `links.json` ([`recorded_links`]), else linked now.
pub fn links_of(dir: &Path, docs: &[DocumentOutput]) -> anyhow::Result<Links> {
    match recorded_links(dir, docs)? {
        Some(links) => Ok(links),
        None => Ok(link(docs, &LinkConfig::default())),
    }
}
