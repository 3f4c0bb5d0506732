//! `govtrail convert`: inputs in, one JSON per document, `actions.jsonl` and `report.json` out.

use crate::json::DocumentJson;
use crate::output::{write_atomic, write_json};
use anyhow::Context;
use chrono::NaiveDate;
use govtrail_convert::{convert, ConvertOptions};
use govtrail_model::{ColumnRole, DocumentOutput, Level};
use govtrail_parse::layout::LayoutOverride;
use govtrail_parse::ParseOptions;
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::hash_map::{Entry, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct ConvertArgs {
    /// Files or directories to convert (directories are searched recursively).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Directory to write the output to (created if missing).
    #[arg(long, short)]
    out: PathBuf,
    /// The date the documents report at (YYYY-MM-DD), overriding what is inferred.
    #[arg(long, value_parser = parse_date)]
    as_at: Option<NaiveDate>,
    /// Refuse inputs larger than this many bytes.
    #[arg(long, default_value_t = ConvertOptions::default().max_input_bytes)]
    max_input_bytes: u64,
    /// Refuse inputs holding a cell longer than this many bytes.
    #[arg(long, default_value_t = ConvertOptions::default().max_cell_bytes)]
    max_cell_bytes: usize,
    /// A layout file (TOML, `[columns]` mapping header text to a role) that says which
    /// column is which; every input is then read by the general reader with it.
    #[arg(long, value_name = "FILE")]
    layout: Option<PathBuf>,
    /// One column's role, as `HEADER=ROLE` (e.g. `--column "Who=owner"`); repeatable, and
    /// added to `--layout`. Roles: ref, title, text, recommendation, owner, due, start,
    /// status, update, measure, other.
    #[arg(long = "column", value_name = "HEADER=ROLE", value_parser = parse_column)]
    columns: Vec<(String, ColumnRole)>,
}

fn parse_column(s: &str) -> Result<(String, ColumnRole), String> {
    let (header, role) = s
        .rsplit_once('=')
        .ok_or_else(|| format!("{s:?} is not HEADER=ROLE"))?;
    let role = ColumnRole::from_name(role.trim()).ok_or_else(|| {
        format!(
            "{role:?} is not a role (roles: {})",
            ColumnRole::ALL.map(|r| r.as_str()).join(", ")
        )
    })?;
    Ok((header.trim().to_owned(), role))
}

/// The user's layout: the `--layout` file, then each `--column`.
fn layout_override(args: &ConvertArgs) -> anyhow::Result<LayoutOverride> {
    let mut layout = match &args.layout {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("{}: cannot read the layout file", path.display()))?;
            LayoutOverride::from_toml(&text).with_context(|| format!("{}", path.display()))?
        }
        None => LayoutOverride::default(),
    };
    for (header, role) in &args.columns {
        layout.push(header, *role);
    }
    Ok(layout)
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("{s:?} is not a YYYY-MM-DD date: {e}"))
}

/// One input's line in `report.json`.
#[derive(Serialize)]
pub struct InputReport {
    input: String,
    documents: Vec<DocumentReport>,
    error: Option<String>,
}

#[derive(Serialize)]
pub struct DocumentReport {
    id: String,
    family: String,
    actions: usize,
    unparsed: usize,
    diagnostics: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct RunReport {
    inputs: usize,
    converted: usize,
    failed: usize,
    files: Vec<InputReport>,
}

pub fn run(args: ConvertArgs) -> anyhow::Result<ExitCode> {
    let files = crate::collect_inputs(&args.inputs)?;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("{}: cannot create the output directory", args.out.display()))?;
    let options = ConvertOptions {
        parse: ParseOptions {
            as_at: args.as_at,
            layout: layout_override(&args)?,
        },
        max_input_bytes: args.max_input_bytes,
        max_cell_bytes: args.max_cell_bytes,
    };
    let progress = ProgressBar::new(files.len() as u64).with_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} {wide_msg}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    if files.len() < 20 {
        progress.set_draw_target(indicatif::ProgressDrawTarget::hidden());
    }
    let run = convert_files(&files, &options, &args.out, &progress)?;
    progress.finish_and_clear();
    for file in &run.files {
        for d in &file.documents {
            println!(
                "converted {}: {}, {} actions, {} unparsed lines, {} diagnostics ({} warnings)",
                d.id, d.family, d.actions, d.unparsed, d.diagnostics, d.warnings
            );
        }
        if let Some(message) = &file.error {
            eprintln!("error: {message}");
        }
    }
    let failed = run.failed;
    let reports = run.files;
    let report = RunReport {
        inputs: reports.len(),
        converted: reports.len() - failed,
        failed,
        files: reports,
    };
    write_json(&args.out.join("report.json"), &report)?;
    println!(
        "{} of {} inputs converted into {}{}",
        report.converted,
        report.inputs,
        args.out.display(),
        if failed > 0 {
            format!("; {failed} failed")
        } else {
            String::new()
        }
    );
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// What [`convert_files`] did.
pub struct ConvertRun {
    /// One report per input, in input order.
    pub files: Vec<InputReport>,
    /// Inputs that could not be converted.
    pub failed: usize,
    /// Actions written to `actions.jsonl`.
    pub actions: usize,
    /// Rows left unclaimed by the family parsers.
    pub unclaimed: usize,
}

/// Converts `files` into `out`: one JSON per document, `actions.jsonl` with every action.
///
/// Inputs are converted in parallel a batch at a time, and a batch's action lines are written
/// in input order while the next batch converts, so memory holds two batches of documents
/// rather than the whole archive and no core waits for the writing.
pub fn convert_files(
    files: &[PathBuf],
    options: &ConvertOptions,
    out: &Path,
    progress: &ProgressBar,
) -> anyhow::Result<ConvertRun> {
    let mut run = ConvertRun {
        files: Vec::with_capacity(files.len()),
        failed: 0,
        actions: 0,
        unclaimed: 0,
    };
    let clashes = name_clashes(files);
    // Large enough that a batch's big and small inputs even out across the cores.
    let batch = rayon::current_num_threads().max(1) * 32;
    let convert_one = |path: &PathBuf| {
        let result = match clashes.get(path) {
            Some(first) => Err(format!(
                "{}: has the same file name as {}, whose output it would overwrite; not converted (rename it or convert it separately)",
                path.display(),
                first.display()
            )),
            None => convert_file(path, options, out),
        };
        progress.inc(1);
        result
    };
    write_atomic(&out.join("actions.jsonl"), |w| {
        let mut done: Vec<(&PathBuf, Result<Converted, String>)> = Vec::new();
        for chunk in files.chunks(batch) {
            let mut results = Vec::new();
            let mut written = Ok(());
            rayon::in_place_scope(|scope| {
                scope.spawn(|_| results = chunk.par_iter().map(convert_one).collect());
                written = record(&mut run, w, std::mem::take(&mut done));
            });
            written?;
            done = chunk.iter().zip(results).collect();
        }
        record(&mut run, w, done)
    })?;
    Ok(run)
}

/// Writes converted inputs' action lines and adds their reports to `run`, in input order.
fn record(
    run: &mut ConvertRun,
    w: &mut dyn std::io::Write,
    done: Vec<(&PathBuf, Result<Converted, String>)>,
) -> std::io::Result<()> {
    for (path, result) in done {
        let input = display_name(path);
        match result {
            Ok(converted) => {
                w.write_all(&converted.action_lines)?;
                run.actions += converted.actions;
                run.unclaimed += converted.unclaimed;
                run.files.push(InputReport {
                    input,
                    documents: converted.documents,
                    error: None,
                });
            }
            Err(message) => {
                run.failed += 1;
                run.files.push(InputReport {
                    input,
                    documents: Vec::new(),
                    error: Some(message),
                });
            }
        }
    }
    Ok(())
}

/// Inputs whose file name an earlier input already has, each with that earlier input: archives
/// hold `2019/plan.txt` and `2020/plan.txt`, and both would write `plan.json`.
fn name_clashes(files: &[PathBuf]) -> HashMap<PathBuf, PathBuf> {
    let mut first_with_name: HashMap<String, &PathBuf> = HashMap::new();
    let mut clashes = HashMap::new();
    for path in files {
        match first_with_name.entry(display_name(path)) {
            Entry::Occupied(first) => {
                clashes.insert(path.clone(), (*first.get()).clone());
            }
            Entry::Vacant(slot) => {
                slot.insert(path);
            }
        }
    }
    clashes
}

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

fn document_report(doc: &DocumentOutput) -> DocumentReport {
    DocumentReport {
        id: doc.document.id.clone(),
        family: doc.document.family.to_string(),
        actions: doc.actions.len(),
        unparsed: doc.unparsed.len(),
        diagnostics: doc.diagnostics.len(),
        warnings: doc
            .diagnostics
            .iter()
            .filter(|d| d.level >= Level::Warning)
            .count(),
    }
}

/// One input converted: its documents' reports and their `actions.jsonl` lines.
struct Converted {
    documents: Vec<DocumentReport>,
    action_lines: Vec<u8>,
    actions: usize,
    unclaimed: usize,
}

/// Reads, converts and writes one input; an error is the one-line message naming the file.
fn convert_file(path: &Path, options: &ConvertOptions, out: &Path) -> Result<Converted, String> {
    let name = display_name(path);
    let size = std::fs::metadata(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?
        .len();
    if size > options.max_input_bytes {
        return Err(format!(
            "{name}: the input is {size} bytes, over the limit of {} bytes (--max-input-bytes)",
            options.max_input_bytes
        ));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let docs = convert_guarded(&name, &bytes, options)?;
    drop(bytes);
    let mut converted = Converted {
        documents: Vec::with_capacity(docs.len()),
        action_lines: Vec::new(),
        actions: 0,
        unclaimed: 0,
    };
    for mut doc in docs {
        tracing::info!(document = %doc.document.id, actions = doc.actions.len(), "converted");
        let target = out.join(format!(
            "{}.json",
            doc.document.id.replace(['/', '\\'], "_")
        ));
        let json = DocumentJson::new(&mut doc).map_err(|e| format!("{name}: {e}"))?;
        write_atomic(&target, |w| w.write_all(&json.pretty)).map_err(|e| format!("{e:#}"))?;
        converted.action_lines.extend_from_slice(&json.lines);
        converted.actions += doc.actions.len();
        converted.unclaimed += doc
            .diagnostics
            .iter()
            .filter(|d| d.message == govtrail_convert::UNCLAIMED)
            .count();
        converted.documents.push(document_report(&doc));
    }
    Ok(converted)
}

/// Converts one input, turning a panic (a bug in a parser) into that input's error so the rest
/// of the batch still converts and the report still lists every input.
fn convert_guarded(
    name: &str,
    bytes: &[u8],
    options: &ConvertOptions,
) -> Result<Vec<DocumentOutput>, String> {
    let run = std::panic::AssertUnwindSafe(|| convert(name, bytes, options));
    match std::panic::catch_unwind(run) {
        Ok(result) => result.map_err(|e| e.to_string()),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(format!(
                "{name}: internal error, please report this input as a govtrail bug: {}",
                what.lines().next().unwrap_or_default()
            ))
        }
    }
}
