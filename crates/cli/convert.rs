//! `govtrail convert`: inputs in, one JSON per document, `actions.jsonl` and the run's
//! manifest `report.json` out.
//!
//! The output folder tells the truth after any rerun: documents mirror their inputs' paths
//! (so `2019/plan.txt` and `2020/plan.txt` both survive), documents no longer written are
//! removed, one run at a time holds the folder, and a killed run's temporary files are cleaned.

use crate::inputs::{self, Input};
use crate::json::DocumentJson;
use crate::output::{write_atomic, write_json};
use crate::terminal::{escape, quiet};
use anyhow::Context;
use chrono::NaiveDate;
use govtrail_convert::{convert, unique_id, ConvertOptions};
use govtrail_model::{ColumnRole, Diagnostic, DocumentOutput, Level};
use govtrail_output::{document_file, DocumentReport, InputReport, RunLock, RunReport};
use govtrail_parse::layout::LayoutOverride;
use govtrail_parse::ParseOptions;
use indicatif::ProgressBar;
use rayon::prelude::*;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct ConvertArgs {
    /// Files or folders to convert (folders are searched recursively; `-` reads standard
    /// input).
    #[arg(required = true, value_name = "FILE|DIR|-")]
    inputs: Vec<PathBuf>,
    /// Folder to write the output to (created if missing).
    #[arg(long, short, value_name = "DIR")]
    out: PathBuf,
    /// The date the documents report at (YYYY-MM-DD, 1900 to 2100), overriding what is
    /// inferred.
    #[arg(long, value_parser = parse_as_at, value_name = "DATE")]
    as_at: Option<NaiveDate>,
    /// Refuse inputs larger than this many bytes (at least 1).
    #[arg(long, default_value_t = ConvertOptions::default().max_input_bytes, value_parser = clap::value_parser!(u64).range(1..), value_name = "BYTES")]
    max_input_bytes: u64,
    /// Refuse inputs holding a cell longer than this many bytes (at least 1).
    #[arg(long, default_value_t = ConvertOptions::default().max_cell_bytes, value_parser = parse_positive, value_name = "BYTES")]
    max_cell_bytes: usize,
    /// Refuse inputs holding a table of more rows than this (lines of text, rows of a sheet;
    /// at least 1). Real plans hold a few thousand; the limit bounds the memory a file of
    /// millions of short rows takes.
    #[arg(long, default_value_t = ConvertOptions::default().max_rows, value_parser = parse_positive, value_name = "ROWS")]
    max_rows: usize,
    /// A layout file (TOML, `[columns]` mapping header text to a role) that says which
    /// column is which; every input is then read by the general reader with it.
    #[arg(long, value_name = "FILE")]
    layout: Option<PathBuf>,
    /// One column's role, as `HEADER=ROLE` (e.g. `--column "Who=owner"`); repeatable, and
    /// added to `--layout`. Roles: ref, title, text, recommendation, owner, due, start,
    /// status, update, measure, other.
    #[arg(long = "column", value_name = "HEADER=ROLE", value_parser = parse_column)]
    columns: Vec<(String, ColumnRole)>,
    /// The document id of standard input (`-`).
    #[arg(long, default_value = "stdin", value_parser = parse_stdin_name, value_name = "NAME")]
    stdin_name: String,
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

/// The years a governance document can report at; `--as-at 0000-01-01` is a typing slip.
const AS_AT_YEARS: std::ops::RangeInclusive<i32> = 1900..=2100;

fn parse_as_at(s: &str) -> Result<NaiveDate, String> {
    let date = NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("{s:?} is not a YYYY-MM-DD date: {e}"))?;
    if !AS_AT_YEARS.contains(&chrono::Datelike::year(&date)) {
        return Err(format!(
            "{s} is not a date a plan reports at (years {} to {})",
            AS_AT_YEARS.start(),
            AS_AT_YEARS.end()
        ));
    }
    Ok(date)
}

fn parse_positive(s: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(0) => Err("must be at least 1".into()),
        Ok(n) => Ok(n),
        Err(e) => Err(format!("{s:?} is not a whole number: {e}")),
    }
}

fn parse_stdin_name(s: &str) -> Result<String, String> {
    if s.is_empty()
        || s.contains(['/', '\\'])
        || s.starts_with('.')
        || s.chars().any(char::is_control)
    {
        return Err(format!(
            "{:?} is not a document name (a file name: not empty, no / or \\, no leading dot)",
            escape(s)
        ));
    }
    Ok(s.to_owned())
}

pub fn run(args: ConvertArgs) -> anyhow::Result<ExitCode> {
    let started = std::time::SystemTime::now();
    if args
        .inputs
        .iter()
        .filter(|p| p.as_os_str() == inputs::STDIN)
        .count()
        > 1
    {
        anyhow::bail!("standard input (-) can be converted once per run");
    }
    let out = &args.out;
    std::fs::create_dir_all(out)
        .with_context(|| format!("{}: cannot create the output folder", out.display()))?;
    let _lock = RunLock::acquire(out)?;
    let leftovers = govtrail_output::remove_leftovers(out)?;
    if !leftovers.is_empty() {
        tracing::info!(
            "removed {} temporary files of an interrupted run",
            leftovers.len()
        );
    }
    let previous = govtrail_output::read_report(out).unwrap_or_else(|err| {
        eprintln!(
            "warning: {}; documents of its run are kept",
            escape(&err.to_string())
        );
        None
    });
    let found = inputs::collect(&args.inputs, out, &args.stdin_name);
    for skipped in &found.skipped {
        eprintln!(
            "warning: {}: skipped, {}",
            escape(&skipped.path),
            escape(&skipped.reason)
        );
    }
    for (shown, id) in &found.renamed {
        eprintln!(
            "warning: {}: converted as {} (its own name is taken)",
            escape(shown),
            escape(&document_file(id))
        );
    }
    if found.files.is_empty() && found.failed.is_empty() {
        anyhow::bail!(
            "no inputs to convert in {}{}",
            args.inputs
                .iter()
                .map(|p| escape(&p.display().to_string()).into_owned())
                .collect::<Vec<_>>()
                .join(", "),
            match found.skipped.len() {
                0 => String::new(),
                n => format!(" ({n} entries skipped)"),
            }
        );
    }
    let options = ConvertOptions {
        parse: ParseOptions {
            as_at: args.as_at,
            layout: layout_override(&args)?,
        },
        max_input_bytes: args.max_input_bytes,
        max_cell_bytes: args.max_cell_bytes,
        max_rows: args.max_rows,
    };
    let progress = crate::terminal::progress(found.files.len() as u64);
    let mut run = convert_inputs(&found.files, &options, out, &progress)?;
    progress.finish_and_clear();
    for (shown, message) in found.failed {
        run.failed += 1;
        run.files.push(InputReport {
            input: shown,
            documents: Vec::new(),
            error: Some(message),
        });
    }
    let finished = std::time::SystemTime::now();
    let documents_fingerprint = govtrail_output::fingerprint(
        run.digests
            .iter()
            .map(|(file, digest)| (file.as_str(), *digest)),
    );
    let documents_changed = match &previous {
        Some(p)
            if p.documents_fingerprint == documents_fingerprint
                && !p.documents_changed.is_empty() =>
        {
            p.documents_changed.clone()
        }
        _ => rfc3339(finished, chrono::SecondsFormat::Nanos),
    };
    let report = RunReport {
        schema_version: govtrail_output::SCHEMA_VERSION,
        tool: format!("govtrail {}", env!("CARGO_PKG_VERSION")),
        started: rfc3339(started, chrono::SecondsFormat::Secs),
        finished: rfc3339(finished, chrono::SecondsFormat::Secs),
        inputs: run.files.len(),
        converted: run.files.len() - run.failed,
        failed: run.failed,
        documents_fingerprint,
        documents_changed,
        skipped: found.skipped,
        files: run.files,
    };
    if let Some(previous) = &previous {
        for file in govtrail_output::remove_dropped_documents(out, previous, &report)? {
            tracing::info!("removed {file}: its input was not converted this time");
        }
    }
    write_json(&out.join(govtrail_output::REPORT), &report)?;
    print_outcome(&report, out);
    if let Some(stale) = govtrail_output::stale_links(out)? {
        eprintln!("warning: {}", escape(&stale.to_string()));
    }
    Ok(if report.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn rfc3339(time: std::time::SystemTime, precision: chrono::SecondsFormat) -> String {
    chrono::DateTime::<chrono::Utc>::from(time).to_rfc3339_opts(precision, true)
}

/// Each document converted (unless `--quiet`), each error, and the totals line.
fn print_outcome(report: &RunReport, out: &Path) {
    let documents = || report.files.iter().flat_map(|f| &f.documents);
    if !quiet() {
        for d in documents() {
            println!(
                "converted {}: {}, {} actions, {} unparsed lines, {} diagnostics ({} warnings)",
                escape(&d.id),
                d.family,
                d.actions,
                d.unparsed,
                d.diagnostics,
                d.warnings
            );
        }
    }
    for message in report.files.iter().filter_map(|f| f.error.as_deref()) {
        eprintln!("error: {}", escape(message));
    }
    if !quiet() {
        let sum = |count: fn(&DocumentReport) -> usize| documents().map(count).sum::<usize>();
        println!(
            "{} of {} inputs converted into {}: {} documents, {} actions, {} unparsed lines, {} warnings; {} failed, {} skipped",
            report.converted,
            report.inputs,
            escape(&out.display().to_string()),
            documents().count(),
            sum(|d| d.actions),
            sum(|d| d.unparsed),
            sum(|d| d.warnings),
            report.failed,
            report.skipped.len()
        );
    }
}

/// What [`convert_inputs`] did.
pub struct ConvertRun {
    /// One report per input, in input order.
    pub files: Vec<InputReport>,
    /// Inputs that could not be converted.
    pub failed: usize,
    /// Actions written to `actions.jsonl`.
    pub actions: usize,
    /// Rows left unclaimed by the family parsers.
    pub unclaimed: usize,
    /// Each document file written, with the digest of its bytes.
    pub digests: Vec<(String, u64)>,
}

/// Converts `files` into `out` as [`convert_inputs`] does, each named by its file name.
pub fn convert_files(
    files: &[PathBuf],
    options: &ConvertOptions,
    out: &Path,
    progress: &ProgressBar,
) -> anyhow::Result<ConvertRun> {
    let found = inputs::collect(files, out, "stdin");
    convert_inputs(&found.files, options, out, progress)
}

/// Converts `inputs` into `out`: one JSON per document, `actions.jsonl` with every action.
///
/// Inputs are converted in parallel a batch at a time, and a batch's action lines are written
/// in input order while the next batch converts, so memory holds two batches of documents
/// rather than the whole archive and no core waits for the writing.
pub fn convert_inputs(
    inputs: &[Input],
    options: &ConvertOptions,
    out: &Path,
    progress: &ProgressBar,
) -> anyhow::Result<ConvertRun> {
    let mut run = ConvertRun {
        files: Vec::with_capacity(inputs.len()),
        failed: 0,
        actions: 0,
        unclaimed: 0,
        digests: Vec::new(),
    };
    // Every input's own id is its document's (unique by construction); the documents of a
    // workbook's several plan sheets are named in input order against all of these.
    let mut taken: HashSet<String> = inputs.iter().map(|i| i.id.to_lowercase()).collect();
    // Large enough that a batch's big and small inputs even out across the cores.
    let batch = rayon::current_num_threads().max(1) * 32;
    let convert_one = |input: &Input| {
        progress.set_message(escape(&input.shown).into_owned());
        let result = convert_input(input, options, out);
        progress.inc(1);
        result
    };
    write_atomic(&out.join(govtrail_output::ACTIONS), |w| {
        let mut done: Vec<(&Input, Result<Converted, String>)> = Vec::new();
        for chunk in inputs.chunks(batch) {
            let mut results = Vec::new();
            let mut written = Ok(());
            rayon::in_place_scope(|scope| {
                scope.spawn(|_| results = chunk.par_iter().map(convert_one).collect());
                written = record(&mut run, &mut taken, out, w, std::mem::take(&mut done));
            });
            written?;
            done = chunk.iter().zip(results).collect();
        }
        record(&mut run, &mut taken, out, w, done)
    })?;
    Ok(run)
}

/// Names and writes the sheet documents of converted inputs, writes their action lines and
/// adds their reports to `run`, in input order.
fn record(
    run: &mut ConvertRun,
    taken: &mut HashSet<String>,
    out: &Path,
    w: &mut dyn std::io::Write,
    done: Vec<(&Input, Result<Converted, String>)>,
) -> std::io::Result<()> {
    for (input, result) in done {
        let converted = result.and_then(|mut converted| {
            for mut doc in std::mem::take(&mut converted.sheets) {
                let wanted = doc.document.id.clone();
                doc.document.id = unique_id(&wanted, |id| {
                    govtrail_output::is_reserved(id) || taken.contains(&id.to_lowercase())
                });
                if doc.document.id != wanted {
                    doc.diagnostics.push(Diagnostic {
                        line: None,
                        level: Level::Warning,
                        message: format!(
                            "named {} because {wanted} is the id of another document",
                            doc.document.id
                        ),
                    });
                }
                taken.insert(doc.document.id.to_lowercase());
                converted.add(&mut doc, &input.shown, out)?;
            }
            Ok(converted)
        });
        match converted {
            Ok(converted) => {
                w.write_all(&converted.action_lines)?;
                run.actions += converted.actions;
                run.unclaimed += converted.unclaimed;
                run.digests.extend(converted.digests);
                run.files.push(InputReport {
                    input: input.shown.clone(),
                    documents: converted.documents,
                    error: None,
                });
            }
            Err(message) => {
                run.failed += 1;
                run.files.push(InputReport {
                    input: input.shown.clone(),
                    documents: Vec::new(),
                    error: Some(message),
                });
            }
        }
    }
    Ok(())
}

/// One input converted: its documents' reports and their `actions.jsonl` lines.
#[derive(Default)]
struct Converted {
    documents: Vec<DocumentReport>,
    digests: Vec<(String, u64)>,
    action_lines: Vec<u8>,
    actions: usize,
    unclaimed: usize,
    /// A workbook's several plan sheets, written once [`record`] has named them.
    sheets: Vec<DocumentOutput>,
}

impl Converted {
    /// Writes `doc` into `out` and adds it; an error is the one-line message naming `shown`.
    fn add(&mut self, doc: &mut DocumentOutput, shown: &str, out: &Path) -> Result<(), String> {
        tracing::info!(document = %doc.document.id, actions = doc.actions.len(), "converted");
        let file = document_file(&doc.document.id);
        let target = out.join(&file);
        if let Some(folder) = target.parent() {
            std::fs::create_dir_all(folder)
                .map_err(|e| format!("{}: cannot create the folder: {e}", folder.display()))?;
        }
        let json = DocumentJson::new(doc).map_err(|e| format!("{shown}: {e}"))?;
        write_atomic(&target, |w| w.write_all(&json.pretty)).map_err(|e| format!("{e:#}"))?;
        self.digests
            .push((file.clone(), govtrail_output::digest(&json.pretty)));
        self.action_lines.extend_from_slice(&json.lines);
        self.actions += doc.actions.len();
        self.unclaimed += doc
            .diagnostics
            .iter()
            .filter(|d| d.message == govtrail_convert::UNCLAIMED)
            .count();
        self.documents.push(document_report(doc, file));
        Ok(())
    }
}

fn document_report(doc: &DocumentOutput, file: String) -> DocumentReport {
    DocumentReport {
        id: doc.document.id.clone(),
        file,
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

/// Reads and converts one input, writing its document when it has one (a workbook's several
/// sheet documents wait for [`record`]); an error is the one-line message naming the input.
fn convert_input(input: &Input, options: &ConvertOptions, out: &Path) -> Result<Converted, String> {
    let bytes = inputs::read_bounded(input, options.max_input_bytes)?;
    let docs = convert_guarded(input, &bytes, options)?;
    drop(bytes);
    let mut converted = Converted::default();
    if docs.len() > 1 {
        converted.sheets = docs;
        return Ok(converted);
    }
    for mut doc in docs {
        converted.add(&mut doc, &input.shown, out)?;
    }
    Ok(converted)
}

/// Converts one input, turning a panic (a bug in a parser) into that input's error so the rest
/// of the batch still converts and the report still lists every input.
fn convert_guarded(
    input: &Input,
    bytes: &[u8],
    options: &ConvertOptions,
) -> Result<Vec<DocumentOutput>, String> {
    let run = std::panic::AssertUnwindSafe(|| convert(&input.id, bytes, options));
    match std::panic::catch_unwind(run) {
        Ok(result) => result.map_err(|e| format!("{}: {}", input.shown, e.kind)),
        Err(panic) => {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(format!(
                "{}: internal error, please report this input as a govtrail bug: {}",
                input.shown,
                what.lines().next().unwrap_or_default()
            ))
        }
    }
}
