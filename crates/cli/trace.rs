//! `govtrail trace`: the threads a query names, as timelines.

use crate::terminal::escape;
use govtrail_link::{trace, Timeline};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct TraceArgs {
    /// What to trace: words naming the issue ("Oracle Fusion"), a ref (CO.A1.0) or a thread id.
    query: String,
    /// Directory of converted documents; its links.json is used when present.
    #[arg(long = "in", value_name = "DIR")]
    dir: PathBuf,
    /// Print the timelines as JSON (threads with `id`, `title` and `members`, as in links.json).
    #[arg(long)]
    json: bool,
}

pub fn run(args: TraceArgs) -> anyhow::Result<ExitCode> {
    let docs = govtrail_store::read_documents(&args.dir)?;
    let links = crate::link::links_of(&args.dir, &docs)?;
    let timelines = trace(&links, &docs, &args.query);
    let mut out = String::new();
    if args.json {
        out = serde_json::to_string_pretty(&timelines)?;
        out.push('\n');
    } else if timelines.is_empty() {
        writeln!(
            out,
            "no thread or action matches \"{}\"",
            escape(&args.query)
        )?;
    } else {
        for timeline in &timelines {
            write_timeline(&mut out, timeline)?;
        }
    }
    crate::terminal::write_stdout(&out)?;
    Ok(if timelines.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn write_timeline(out: &mut String, timeline: &Timeline) -> std::fmt::Result {
    let id = timeline.id.as_deref().unwrap_or("(in no thread)");
    writeln!(out, "{id} {}", escape(&timeline.title))?;
    for e in &timeline.members {
        let year = e.year.map_or_else(|| "----".to_owned(), |y| y.to_string());
        let status = match (&e.status, e.rag) {
            (Some(raw), Some(rag)) => format!("{} ({})", rag.as_str(), escape(raw)),
            (Some(raw), None) => escape(raw).into_owned(),
            (None, _) => "-".to_owned(),
        };
        let score = match (e.score, e.confidence) {
            (Some(s), Some(c)) => format!("  [score {s:.2}, confidence {c:.2}]"),
            (Some(s), None) => format!("  [score {s:.2}]"),
            _ => String::new(),
        };
        writeln!(
            out,
            "  {year}  {}  {}  {}{score}",
            escape(&e.document),
            escape(&e.reference),
            escape(&e.title)
        )?;
        writeln!(out, "        status: {status}")?;
        if let Some(update) = &e.update {
            writeln!(out, "        latest: {}", escape(update))?;
        }
    }
    writeln!(out)
}
