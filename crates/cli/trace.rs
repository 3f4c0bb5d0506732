//! `govtrail trace`: the threads a query names, as timelines.

use govtrail_link::{trace, Timeline};
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::Write as _;
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
            printable(&args.query)
        )?;
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
    let id = timeline.id.as_deref().unwrap_or("(in no thread)");
    writeln!(out, "{id} {}", printable(&timeline.title))?;
    for e in &timeline.members {
        let year = e.year.map_or_else(|| "----".to_owned(), |y| y.to_string());
        let status = match (&e.status, e.rag) {
            (Some(raw), Some(rag)) => format!("{} ({})", rag.as_str(), printable(raw)),
            (Some(raw), None) => printable(raw).into_owned(),
            (None, _) => "-".to_owned(),
        };
        let score = e
            .score
            .map_or_else(String::new, |s| format!("  [score {s:.2}]"));
        writeln!(
            out,
            "  {year}  {}  {}  {}{score}",
            printable(&e.document),
            printable(&e.reference),
            printable(&e.title)
        )?;
        writeln!(out, "        status: {status}")?;
        if let Some(update) = &e.update {
            writeln!(out, "        latest: {}", printable(update))?;
        }
    }
    writeln!(out)
}

/// `text` safe to print on a terminal: control characters (C0 but tab, DEL, C1) shown as
/// `\u{..}` escapes, so that a cell holding `ESC ] 0 ; title BEL` cannot retitle or recolour
/// the reader's terminal.
fn printable(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn is_unsafe(c: char) -> bool {
    c.is_control() && c != '\t'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_escaped_for_the_terminal() {
        assert_eq!(printable("Oracle Fusion"), "Oracle Fusion");
        assert_eq!(
            printable("\u{1b}]0;pwned\u{7}Oracle\u{9b}"),
            "\\u{1b}]0;pwned\\u{7}Oracle\\u{9b}"
        );
    }
}
