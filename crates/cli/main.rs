//! The `govtrail` command: parses flags and wires the library crates together.
//!
//! All parsing, linking and scoring lives in the `govtrail-*` crates; this binary reads files,
//! writes files atomically, runs inputs in parallel, reports progress and sets the exit code.

mod args;
mod bench;
mod changes;
mod convert;
mod eval;
mod eval_links;
mod export;
mod inputs;
mod json;
mod link;
mod output;
mod report;
mod synth;
mod terminal;
mod trace;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// mimalloc: the parsers make many small strings per row, and the system allocator spent a
/// fifth of conversion time in malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The exit codes, as `--help` and the README give them.
const EXIT_CODES: &str =
    "Exit codes: 0 every input converted (or the command succeeded); 1 some inputs failed, \
or the answer is empty or failing (no thread matches, links missed, accuracy below its bars); \
2 usage error or nothing could be done (bad flags, no inputs, unreadable folder, another run \
holds the output folder).";

#[derive(Parser, Debug)]
#[command(name = "govtrail", version, about, long_about = None, after_help = EXIT_CODES)]
struct Cli {
    /// More logging (-v info, -vv debug, -vvv trace); RUST_LOG overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    /// Print only errors and warnings: no progress bar, no per-document lines, no totals.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Threads to work with (default: one per core).
    #[arg(short = 'j', long, global = true, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Convert action plans (text dumps, CSV, workbooks) into normalised JSON.
    #[command(after_help = examples(&[
        ("govtrail convert seeds --out output", "a folder, recursively"),
        ("govtrail convert archive/2019 plan.xlsx --out output -j 2", "folders and files, two threads"),
        ("cat plan.txt | govtrail convert - --stdin-name plan.txt --out output", "standard input"),
    ]))]
    Convert(convert::ConvertArgs),
    /// Score converted documents against hand-checked gold extractions.
    #[command(after_help = examples(&[
        ("govtrail eval --gold fixtures/gold --in output", "each document against its gold"),
        ("govtrail eval --gold fixtures/gold --in output --min-ref-f1 0.9", "one bar for all"),
    ]))]
    Eval(eval::EvalArgs),
    /// Write a synthetic archive of action plans with the links planted in it.
    #[command(after_help = examples(&[
        ("govtrail synth --out synthetic", "ten documents of every family"),
        ("govtrail synth --out synthetic --documents 50 --forms text,csv,xlsx", "in three forms"),
    ]))]
    Synth(synth::SynthArgs),
    /// Measure conversion and linking cost as the archive grows.
    #[command(after_help = examples(&[
        ("govtrail bench", "1x, 10x and 100x the seeds, then linking"),
        ("govtrail bench --scales 1,10 --repeat 1", "a quick run"),
    ]))]
    Bench(bench::BenchArgs),
    /// Link recurring issues across converted documents into threads (writes links.json).
    #[command(after_help = examples(&[
        ("govtrail link --in output", "writes output/links.json"),
        ("govtrail link --in output --min-score 0.4", "a lower bar for a link"),
    ]))]
    Link(link::LinkArgs),
    /// Show the threads matching a query as timelines, oldest first.
    #[command(after_help = examples(&[
        ("govtrail trace \"Oracle Fusion\" --in output", "timelines as text"),
        ("govtrail trace \"Children's Services\" --in output --json", "as JSON"),
        ("govtrail trace CO.A1.0 --in output", "by a ref"),
        ("govtrail trace t1a2b3c4d --in output", "by a thread id"),
    ]))]
    Trace(trace::TraceArgs),
    /// Score links against a file of expected links (must-pair recall, in-scope precision).
    #[command(after_help = examples(&[
        ("govtrail eval-links --expected fixtures/gold/links_sample.json --in output", "recall and precision"),
        ("govtrail eval-links --expected fixtures/links/judged_seeds.json --in output", "on the judged set"),
    ]))]
    EvalLinks(eval_links::EvalLinksArgs),
    /// List the actions whose status rating worsened between two reporting periods.
    #[command(after_help = examples(&[
        ("govtrail changes --in output", "each document's two latest periods"),
        ("govtrail changes --in output --from 2023-09 --to 2023-10 --json", "two periods, as JSON"),
    ]))]
    Changes(changes::ChangesArgs),
    /// Render converted documents and their threads as one self-contained HTML page.
    #[command(after_help = examples(&[
        ("govtrail report --in output --out output/report.html", "one page, no server"),
    ]))]
    Report(report::ReportArgs),
    /// Write the converted actions as one CSV or Excel sheet, one row per action.
    #[command(after_help = examples(&[
        ("govtrail export --in output --out actions.csv", "every action, CSV with a BOM"),
        ("govtrail export --in output --format xlsx --out actions.xlsx", "as a workbook"),
        ("govtrail export --in output --year 2023 --family improvement-plan-tracker --out 2023.csv", "one year and family"),
    ]))]
    Export(export::ExportArgs),
}

/// A subcommand's `--help` examples, each command with what it does, and the exit codes.
fn examples(lines: &[(&str, &str)]) -> String {
    let width = lines.iter().map(|(c, _)| c.len()).max().unwrap_or(0);
    let mut text = String::from("Examples:\n");
    for (command, what) in lines {
        text.push_str(&format!("  {command:<width$}  # {what}\n"));
    }
    text.push('\n');
    text.push_str(EXIT_CODES);
    text
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing(cli.verbose, cli.quiet);
    terminal::set_quiet(cli.quiet);
    if let Some(jobs) = cli.jobs {
        if let Err(err) = rayon::ThreadPoolBuilder::new()
            .num_threads(usize::from(jobs))
            .build_global()
        {
            eprintln!("error: cannot start {jobs} threads: {err}");
            return ExitCode::from(2);
        }
    }
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
            eprintln!("error: {}", terminal::escape(&format!("{err:#}")));
            ExitCode::from(2)
        }
    }
}

fn init_tracing(verbose: u8, quiet: bool) {
    use tracing_subscriber::EnvFilter;
    let level = match verbose {
        0 if quiet => "error",
        0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(level));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(terminal::stderr_in_colour())
        .with_target(false)
        .init();
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// `line` cut into words as a shell would, for double-quoted words only.
    fn shell_words(line: &str) -> Vec<String> {
        let mut words = Vec::new();
        let mut word = String::new();
        let mut quoted = false;
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                c if c.is_whitespace() && !quoted => {
                    if !word.is_empty() {
                        words.push(std::mem::take(&mut word));
                    }
                }
                c => word.push(c),
            }
        }
        words.extend((!word.is_empty()).then_some(word));
        words
    }

    #[test]
    fn every_help_example_is_a_command_line_govtrail_accepts() {
        for subcommand in Cli::command().get_subcommands() {
            let help = subcommand
                .get_after_help()
                .map(ToString::to_string)
                .unwrap_or_default();
            let examples: Vec<&str> = help
                .lines()
                .filter_map(|line| line.find("govtrail ").map(|at| &line[at..]))
                .filter_map(|example| example.split("  #").next())
                .collect();
            assert!(
                !examples.is_empty(),
                "{}: no examples",
                subcommand.get_name()
            );
            for example in examples {
                if let Err(err) = Cli::try_parse_from(shell_words(example)) {
                    panic!("{example}: {err}");
                }
            }
        }
    }
}
