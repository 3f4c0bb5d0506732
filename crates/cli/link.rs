//! `govtrail link`: converted documents in, `links.json` out.

use crate::output::write_json;
use anyhow::Context;
use govtrail_link::{link, LinkConfig, Links};
use govtrail_model::DocumentOutput;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

#[derive(clap::Args, Debug)]
pub struct LinkArgs {
    /// Directory of converted documents (the `--out` of `govtrail convert`).
    dir: PathBuf,
    /// Pairs scoring below this are not linked.
    #[arg(long, default_value_t = LinkConfig::default().min_score)]
    min_score: f64,
    /// Pairs scoring at least this may give an item several partners in one document and may
    /// merge established threads.
    #[arg(long, default_value_t = LinkConfig::default().strong_score)]
    strong_score: f64,
}

pub fn run(args: LinkArgs) -> anyhow::Result<ExitCode> {
    let docs = read_documents(&args.dir)?;
    let config = LinkConfig {
        min_score: args.min_score,
        strong_score: args.strong_score,
        ..LinkConfig::default()
    };
    let started = Instant::now();
    let links = link(&docs, &config);
    let elapsed = started.elapsed();
    let path = args.dir.join("links.json");
    write_json(&path, &links)?;
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
