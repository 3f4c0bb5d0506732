//! `govtrail changes`: the actions whose rating worsened between two reporting periods.

use anyhow::Context;
use govtrail_model::{DocumentOutput, Status};
use govtrail_tracker::changes::{latest_pair, worsened};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct ChangesArgs {
    /// Directory of converted documents (`govtrail convert --out`).
    #[arg(long = "in")]
    input: PathBuf,
    /// The earlier period (`2023-09`); default: the period before `--to` in each document.
    #[arg(long)]
    from: Option<String>,
    /// The later period (`2023-10`); default: each document's latest period.
    #[arg(long)]
    to: Option<String>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct DocumentChanges<'a> {
    document: &'a str,
    from: &'a str,
    to: &'a str,
    worsened: Vec<ActionChange<'a>>,
}

#[derive(Serialize)]
struct ActionChange<'a> {
    #[serde(rename = "ref")]
    reference: Option<&'a str>,
    text: &'a str,
    line: usize,
    from: &'a Status,
    to: &'a Status,
}

/// The converted documents in `dir` (files holding a `document` and a `schema_version`), in
/// name order; `report.json` and `links.json` are skipped by their shape.
fn read_documents(dir: &Path) -> anyhow::Result<Vec<DocumentOutput>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot list the directory", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let mut documents = Vec::new();
    for path in paths {
        let bytes =
            std::fs::read(&path).with_context(|| format!("{}: cannot read", path.display()))?;
        let value: serde_json::Value = serde_json::from_slice(&bytes)
            .with_context(|| format!("{}: not valid JSON", path.display()))?;
        if value.get("schema_version").is_none() || value.get("document").is_none() {
            continue;
        }
        let doc = serde_json::from_value(value)
            .with_context(|| format!("{}: not a converted document", path.display()))?;
        documents.push(doc);
    }
    Ok(documents)
}

/// The periods to compare in `doc`: those asked for, else its two latest (or the one before
/// `--to`, or the latest after `--from`).
fn periods_of<'a>(doc: &'a DocumentOutput, args: &'a ChangesArgs) -> Option<(&'a str, &'a str)> {
    let periods = &doc.document.periods;
    match (args.from.as_deref(), args.to.as_deref()) {
        (Some(from), Some(to)) => Some((from, to)),
        (None, None) => latest_pair(doc),
        (Some(from), None) => Some((from, periods.last()?.as_str())),
        (None, Some(to)) => {
            let at = periods.iter().position(|p| p == to)?;
            Some((periods.get(at.checked_sub(1)?)?.as_str(), to))
        }
    }
}

pub fn run(args: ChangesArgs) -> anyhow::Result<ExitCode> {
    let documents = read_documents(&args.input)?;
    let mut report = Vec::new();
    for doc in &documents {
        let Some((from, to)) = periods_of(doc, &args) else {
            continue;
        };
        let worsened = worsened(doc, from, to)
            .into_iter()
            .map(|w| ActionChange {
                reference: w.action.reference.as_deref(),
                text: &w.action.text,
                line: w.action.source.line,
                from: w.from,
                to: w.to,
            })
            .collect();
        report.push(DocumentChanges {
            document: &doc.document.id,
            from,
            to,
            worsened,
        });
    }
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(ExitCode::SUCCESS);
    }
    for doc in &report {
        println!(
            "{}: {} -> {}: {} action(s) worsened",
            doc.document,
            doc.from,
            doc.to,
            doc.worsened.len()
        );
        for change in &doc.worsened {
            let rag = |s: &Status| s.rag.map_or("?", |r| r.as_str());
            println!(
                "  {:<10} {} -> {}  {}",
                change.reference.unwrap_or("-"),
                rag(change.from),
                rag(change.to),
                shorten(change.text, 60)
            );
            println!(
                "             was {:?}, now {:?}",
                change.from.raw, change.to.raw
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The first `max` characters of `text`, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", text[..at].trim_end()),
        None => text.to_owned(),
    }
}
