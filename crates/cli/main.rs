//! The `govtrail` command: parses flags and wires the library crates together.
//!
//! All parsing, linking and scoring lives in the `govtrail-*` crates; this binary reads files,
//! writes files atomically, runs inputs in parallel, reports progress and sets the exit code.

mod bench;
mod changes;
mod convert;
mod eval;
mod eval_links;
mod export;
mod json;
mod link;
mod output;
mod report;
mod synth;
mod trace;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// mimalloc: the parsers make many small strings per row, and the system allocator spent a
/// fifth of conversion time in malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser, Debug)]
#[command(name = "govtrail", version, about, long_about = None)]
struct Cli {
    /// More logging (-v info, -vv debug, -vvv trace); RUST_LOG overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Convert action plans (text dumps, CSV, workbooks) into normalised JSON.
    Convert(convert::ConvertArgs),
    /// Score converted documents against hand-checked gold extractions.
    Eval(eval::EvalArgs),
    /// Write a synthetic archive of action plans with the links planted in it.
    Synth(synth::SynthArgs),
    /// Measure conversion and linking cost as the archive grows.
    Bench(bench::BenchArgs),
    /// Link recurring issues across converted documents into threads (writes links.json).
    Link(link::LinkArgs),
    /// Show the threads matching a query as timelines, oldest first.
    Trace(trace::TraceArgs),
    /// Score links against a file of expected links (must-pair recall, in-scope precision).
    EvalLinks(eval_links::EvalLinksArgs),
    /// List the actions whose status rating worsened between two reporting periods.
    Changes(changes::ChangesArgs),
    /// Render converted documents and their threads as one self-contained HTML page.
    Report(report::ReportArgs),
    /// Write the converted actions as one CSV or Excel sheet, one row per action.
    Export(export::ExportArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing(cli.verbose);
    let result = match cli.command {
        Command::Convert(args) => convert::run(args),
        Command::Eval(args) => eval::run(args),
        Command::Synth(args) => synth::run(args),
        Command::Bench(args) => bench::run(args),
        Command::Link(args) => link::run(args),
        Command::Trace(args) => trace::run(args),
        Command::EvalLinks(args) => eval_links::run(args),
        Command::Changes(args) => changes::run(args),
        Command::Report(args) => report::run(args),
        Command::Export(args) => export::run(args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn init_tracing(verbose: u8) {
    use tracing_subscriber::EnvFilter;
    let level = match verbose {
        0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(level));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false)
        .init();
}

/// Every file named, directories expanded to the files below them (hidden ones skipped), in a
/// stable order.
fn collect_inputs(paths: &[PathBuf]) -> anyhow::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    Ok(files)
}

fn walk(dir: &std::path::Path, files: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    use anyhow::Context;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("{}: cannot list the directory", dir.display()))?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            walk(&entry, files)?;
        } else {
            files.push(entry);
        }
    }
    Ok(())
}
