//! `govtrail convert`: inputs in, one JSON per document, `actions.jsonl` and `report.json` out.

use crate::output::{write_atomic, write_json};
use anyhow::Context;
use chrono::NaiveDate;
use govtrail_convert::{convert, ConvertOptions};
use govtrail_model::{ActionLine, DocumentOutput, Level};
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
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("{s:?} is not a YYYY-MM-DD date: {e}"))
}

/// One input's line in `report.json`.
#[derive(Serialize)]
struct InputReport {
    input: String,
    documents: Vec<DocumentReport>,
    error: Option<String>,
}

#[derive(Serialize)]
struct DocumentReport {
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
        parse: ParseOptions { as_at: args.as_at },
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
    let clashes = name_clashes(&files);
    let results: Vec<(PathBuf, Result<Vec<DocumentOutput>, String>)> = files
        .par_iter()
        .map(|path| {
            let result = match clashes.get(path) {
                Some(first) => Err(format!(
                    "{}: has the same file name as {}, whose output it would overwrite; not converted (rename it or convert it separately)",
                    path.display(),
                    first.display()
                )),
                None => convert_file(path, &options, &args.out),
            };
            progress.inc(1);
            (path.clone(), result)
        })
        .collect();
    progress.finish_and_clear();

    let mut reports = Vec::new();
    let mut failed = 0;
    write_atomic(&args.out.join("actions.jsonl"), |w| {
        for (_, result) in &results {
            for doc in result.iter().flatten() {
                for action in &doc.actions {
                    let line = ActionLine {
                        document: &doc.document.id,
                        family: doc.document.family,
                        year: doc.document.year,
                        action,
                    };
                    serde_json::to_writer(&mut *w, &line).map_err(std::io::Error::other)?;
                    w.write_all(b"\n")?;
                }
            }
        }
        Ok(())
    })?;
    for (path, result) in results {
        let input = display_name(&path);
        match result {
            Ok(docs) => {
                let documents: Vec<DocumentReport> = docs.iter().map(document_report).collect();
                for d in &documents {
                    println!(
                        "converted {}: {}, {} actions, {} unparsed lines, {} diagnostics ({} warnings)",
                        d.id, d.family, d.actions, d.unparsed, d.diagnostics, d.warnings
                    );
                }
                reports.push(InputReport {
                    input,
                    documents,
                    error: None,
                });
            }
            Err(message) => {
                failed += 1;
                eprintln!("error: {message}");
                reports.push(InputReport {
                    input,
                    documents: Vec::new(),
                    error: Some(message),
                });
            }
        }
    }
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

/// Reads, converts and writes one input; an error is the one-line message naming the file.
fn convert_file(
    path: &Path,
    options: &ConvertOptions,
    out: &Path,
) -> Result<Vec<DocumentOutput>, String> {
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
    for doc in &docs {
        tracing::info!(document = %doc.document.id, actions = doc.actions.len(), "converted");
        let target = out.join(format!(
            "{}.json",
            doc.document.id.replace(['/', '\\'], "_")
        ));
        write_json(&target, doc).map_err(|e| format!("{e:#}"))?;
    }
    Ok(docs)
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
