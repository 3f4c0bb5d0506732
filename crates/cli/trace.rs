//! `govtrail trace`: the threads a query names, as timelines.

use govtrail_link::{trace, Timeline};
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
    if args.json {
        println!("{}", serde_json::to_string_pretty(&timelines)?);
    } else if timelines.is_empty() {
        println!("no thread matches {:?}", args.query);
    } else {
        for timeline in &timelines {
            print_timeline(timeline);
        }
    }
    Ok(if timelines.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn print_timeline(timeline: &Timeline) {
    println!("{} {}", timeline.thread, timeline.title);
    for e in &timeline.entries {
        let year = e.year.map_or_else(|| "----".to_owned(), |y| y.to_string());
        let status = match (&e.status, e.rag) {
            (Some(raw), Some(rag)) => format!("{} ({raw})", rag.as_str()),
            (Some(raw), None) => raw.clone(),
            (None, _) => "-".to_owned(),
        };
        println!("  {year}  {}  {}  {}", e.document, e.reference, e.title);
        println!("        status: {status}");
        if let Some(update) = &e.update {
            println!("        latest: {update}");
        }
    }
    println!();
}
