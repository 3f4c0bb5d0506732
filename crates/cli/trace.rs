//! `govtrail trace`: the threads a query names, as timelines.

use govtrail_link::{trace, Timeline};
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct TraceArgs {
    /// Words naming the issue ("Oracle Fusion", "Children's Services").
    query: String,
    /// Directory of converted documents; its links.json is used when present.
    #[arg(long = "in")]
    dir: PathBuf,
    /// Print the timelines as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: TraceArgs) -> anyhow::Result<ExitCode> {
    let docs = crate::link::read_documents(&args.dir)?;
    let links = crate::link::links_of(&args.dir, &docs)?;
    let timelines = trace(&links, &docs, &args.query);
    let mut out = String::new();
    if args.json {
        out = serde_json::to_string_pretty(&timelines)?;
        out.push('\n');
    } else if timelines.is_empty() {
        writeln!(out, "no thread matches {:?}", args.query)?;
    } else {
        for timeline in &timelines {
            write_timeline(&mut out, timeline)?;
        }
    }
    // A reader that stops early (`| head`) is not an error.
    match std::io::stdout().lock().write_all(out.as_bytes()) {
        Err(err) if err.kind() != std::io::ErrorKind::BrokenPipe => return Err(err.into()),
        _ => {}
    }
    Ok(if timelines.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn write_timeline(out: &mut String, timeline: &Timeline) -> std::fmt::Result {
    writeln!(out, "{} {}", timeline.thread, timeline.title)?;
    for e in &timeline.entries {
        let year = e.year.map_or_else(|| "----".to_owned(), |y| y.to_string());
        let status = match (&e.status, e.rag) {
            (Some(raw), Some(rag)) => format!("{} ({raw})", rag.as_str()),
            (Some(raw), None) => raw.clone(),
            (None, _) => "-".to_owned(),
        };
        writeln!(
            out,
            "  {year}  {}  {}  {}",
            e.document, e.reference, e.title
        )?;
        writeln!(out, "        status: {status}")?;
        if let Some(update) = &e.update {
            writeln!(out, "        latest: {update}")?;
        }
    }
    writeln!(out)
}
