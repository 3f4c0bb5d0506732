//! `govtrail link`: converted documents in, `links.json` out.

use crate::output::write_json;
use anyhow::Context;
use govtrail_link::{link, LinkConfig, Links};
use govtrail_model::DocumentOutput;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Files of a conversion directory that are not documents.
const NOT_DOCUMENTS: [&str; 3] = ["report.json", "links.json", "actions.jsonl"];

#[derive(clap::Args, Debug)]
#[command(
    after_help = "Examples:\n  govtrail link --in output\n  govtrail link --in output --min-score 0.5"
)]
pub struct LinkArgs {
    #[command(flatten)]
    input: InputDir,
    /// Pairs scoring below this (0 to 1) are not linked.
    #[arg(long, default_value_t = LinkConfig::default().min_score, value_parser = unit_interval)]
    min_score: f64,
    /// Pairs scoring at least this (0 to 1) may give an item several partners in one document
    /// and may merge established threads.
    #[arg(long, default_value_t = LinkConfig::default().strong_score, value_parser = unit_interval)]
    strong_score: f64,
}

/// The directory of converted documents, as `--in DIR` or (as before) the first argument.
#[derive(clap::Args, Debug)]
pub struct InputDir {
    /// Directory of converted documents (the `--out` of `govtrail convert`).
    #[arg(long = "in", value_name = "DIR", conflicts_with = "positional")]
    named: Option<PathBuf>,
    /// The same directory given without `--in`.
    #[arg(value_name = "DIR", hide = true)]
    positional: Option<PathBuf>,
}

impl InputDir {
    /// The directory given, or an error asking for one.
    pub fn dir(&self) -> anyhow::Result<&Path> {
        self.named
            .as_deref()
            .or(self.positional.as_deref())
            .ok_or_else(|| anyhow::anyhow!("no input: give the converted documents with --in DIR"))
    }
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
    let dir = args.input.dir()?;
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

/// The converted documents in `dir` (`*.json` other than the run's own files), by name.
/// A JSON file that is not a converted document is skipped with a warning.
pub fn read_documents(dir: &Path) -> anyhow::Result<Vec<DocumentOutput>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot list the directory", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| !NOT_DOCUMENTS.contains(&n) && !n.starts_with('.'))
        })
        .collect();
    paths.sort();
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
