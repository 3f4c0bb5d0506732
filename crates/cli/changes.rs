//! `govtrail changes`: the actions whose rating worsened between two reporting periods.

use crate::terminal::escape;
use govtrail_model::{DocumentOutput, Status};
use govtrail_tracker::changes::{latest_pair, worsened};
use serde::Serialize;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct ChangesArgs {
    /// Folder of converted documents (`govtrail convert --out`).
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

/// The periods to compare in `doc`: those asked for, else its two latest (or the one before
/// `--to`, or the latest after `--from`).
fn periods_of<'a>(doc: &'a DocumentOutput, args: &'a ChangesArgs) -> Option<(&'a str, &'a str)> {
    let periods = &doc.document.periods;
    let reports = |period: &str| periods.iter().any(|p| p == period);
    match (args.from.as_deref(), args.to.as_deref()) {
        (Some(from), Some(to)) => (reports(from) && reports(to)).then_some((from, to)),
        (None, None) => latest_pair(doc),
        (Some(from), None) => reports(from).then_some((from, periods.last()?.as_str())),
        (None, Some(to)) => {
            let at = periods.iter().position(|p| p == to)?;
            Some((periods.get(at.checked_sub(1)?)?.as_str(), to))
        }
    }
}

/// Fails when `--from` or `--to` names a period no document reports (`2099-01`, `2023-9`),
/// which would otherwise list nothing, as if nothing had slipped.
fn check_periods(documents: &[DocumentOutput], args: &ChangesArgs) -> anyhow::Result<()> {
    let mut known: Vec<&str> = documents
        .iter()
        .flat_map(|d| &d.document.periods)
        .map(String::as_str)
        .collect();
    known.sort_unstable();
    known.dedup();
    for (flag, period) in [("--from", &args.from), ("--to", &args.to)] {
        if let Some(period) = period.as_deref().filter(|p| !known.contains(p)) {
            anyhow::bail!(
                "{flag} {}: no document in {} reports that period (periods reported: {})",
                escape(period),
                args.input.display(),
                if known.is_empty() {
                    "none".to_owned()
                } else {
                    escape(&known.join(", ")).into_owned()
                }
            );
        }
    }
    Ok(())
}

pub fn run(args: ChangesArgs) -> anyhow::Result<ExitCode> {
    let documents = govtrail_store::read_documents(&args.input)?;
    check_periods(&documents, &args)?;
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
    let mut out = String::new();
    if args.json {
        out = serde_json::to_string_pretty(&report)?;
        out.push('\n');
    }
    for doc in report.iter().filter(|_| !args.json) {
        writeln!(
            out,
            "{}: {} -> {}: {} action(s) worsened",
            escape(doc.document),
            escape(doc.from),
            escape(doc.to),
            doc.worsened.len()
        )?;
        for change in &doc.worsened {
            let rag = |s: &Status| s.rag.map_or("?", |r| r.as_str());
            writeln!(
                out,
                "  {:<10} {} -> {}  {}",
                escape(change.reference.unwrap_or("-")),
                rag(change.from),
                rag(change.to),
                escape(&shorten(change.text, 60))
            )?;
            writeln!(
                out,
                "             was \"{}\", now \"{}\"",
                escape(&change.from.raw),
                escape(&change.to.raw)
            )?;
        }
    }
    crate::terminal::write_stdout(&out)?;
    Ok(ExitCode::SUCCESS)
}

/// The first `max` characters of `text`, with an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", text[..at].trim_end()),
        None => text.to_owned(),
    }
}
