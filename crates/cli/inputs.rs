//! Which files a convert run reads, and the document id each gets.
//!
//! Officers' archive folders hold more than plans: Excel's `~$` lock files, named pipes and
//! device files, links back to a parent folder, last run's output folder. Each is skipped with
//! its reason (never opened, so nothing can hang the run), an entry that cannot be read is a
//! failed input naming its path, and a file reached twice is read once.

use govtrail_convert::unique_id;
use govtrail_output::Skipped;
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The path that means standard input.
pub const STDIN: &str = "-";

/// One input to convert.
#[derive(Clone, Debug)]
pub struct Input {
    /// Where its bytes are.
    pub source: Source,
    /// Its path as given (a folder's file: the folder joined with the file's path), for
    /// messages and `report.json`.
    pub shown: String,
    /// Its document id: its path below the folder given (`2019/plan.txt`), or its file name
    /// when given itself or at the top of a folder (`plan.txt`), made unique.
    pub id: String,
}

/// Where an input's bytes come from.
#[derive(Clone, Debug)]
pub enum Source {
    /// A regular file.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

/// What [`collect`] found.
#[derive(Debug, Default)]
pub struct Inputs {
    /// The inputs to convert, in the order given, folders in path order.
    pub files: Vec<Input>,
    /// Entries not read, with the reason.
    pub skipped: Vec<Skipped>,
    /// Entries that could not be read at all: their path as given and the error message.
    pub failed: Vec<(String, String)>,
    /// Inputs whose id is not their plain path (it was taken): their path and the id used.
    pub renamed: Vec<(String, String)>,
}

/// The inputs below `paths` (folders walked recursively, hidden entries and `out` skipped),
/// with `stdin_name` the id of standard input.
pub fn collect(paths: &[PathBuf], out: &Path, stdin_name: &str) -> Inputs {
    let out = std::fs::canonicalize(out).ok();
    let mut found = Inputs::default();
    let mut seen = HashSet::new();
    let mut ids = HashSet::new();
    for path in paths {
        if path.as_os_str() == STDIN {
            found.push(Source::Stdin, stdin_name.to_owned(), stdin_name, &mut ids);
        } else if path.is_dir() {
            walk(path, out.as_deref(), &mut found, &mut seen, &mut ids);
        } else {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            found.consider(path, &name, &mut seen, &mut ids);
        }
    }
    found
}

fn walk(
    root: &Path,
    out: Option<&Path>,
    found: &mut Inputs,
    seen: &mut HashSet<PathBuf>,
    ids: &mut HashSet<String>,
) {
    let is_out =
        |path: &Path| out.is_some_and(|out| std::fs::canonicalize(path).is_ok_and(|p| p == out));
    if is_out(root) {
        found.skipped.push(Skipped {
            path: root.display().to_string(),
            reason: "the output folder of this run".into(),
        });
        return;
    }
    let mut skipped_out = Vec::new();
    let entries = walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() == 0 {
                return true;
            }
            if e.file_name().to_string_lossy().starts_with('.') {
                return false;
            }
            // Last run's documents and actions.jsonl are no plans: an output folder inside
            // the input folder is never read.
            if e.file_type().is_dir() && is_out(e.path()) {
                skipped_out.push(e.path().display().to_string());
                return false;
            }
            true
        });
    for entry in entries {
        match entry {
            Ok(entry) if entry.file_type().is_dir() => {}
            Ok(entry) => {
                let relative = entry.path().strip_prefix(root).unwrap_or(entry.path());
                let id = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                found.consider(entry.path(), &id, seen, ids);
            }
            Err(err) => {
                let shown = err
                    .path()
                    .map_or_else(|| root.display().to_string(), |p| p.display().to_string());
                match err.loop_ancestor() {
                    Some(ancestor) => found.skipped.push(Skipped {
                        path: shown,
                        reason: format!(
                            "a link back to the folder {} it is in; not followed",
                            ancestor.display()
                        ),
                    }),
                    None => {
                        let reason = err
                            .io_error()
                            .map_or_else(|| err.to_string(), ToString::to_string);
                        found
                            .failed
                            .push((shown.clone(), format!("{shown}: cannot read: {reason}")));
                    }
                }
            }
        }
    }
    found
        .skipped
        .extend(skipped_out.into_iter().map(|path| Skipped {
            path,
            reason: "the output folder of this run".into(),
        }));
}

impl Inputs {
    /// Adds the file at `path` under `id` unless it is no plan file or was reached before.
    fn consider(
        &mut self,
        path: &Path,
        id: &str,
        seen: &mut HashSet<PathBuf>,
        ids: &mut HashSet<String>,
    ) {
        let shown = path.display().to_string();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default();
        // Excel keeps `~$plan.xlsx` beside a workbook while it is open: a few bytes of the
        // user's name, never a plan.
        if name.starts_with("~$") {
            self.skipped.push(Skipped {
                path: shown,
                reason: "an Office lock file (~$), left while a document is open; not a plan"
                    .into(),
            });
            return;
        }
        // The type is read before the file is opened: opening a named pipe waits for a
        // writer, and a device such as /dev/zero never ends.
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_file() => {}
            Ok(meta) => {
                self.skipped.push(Skipped {
                    path: shown,
                    reason: format!(
                        "{}; only regular files are read",
                        kind_of(&meta.file_type())
                    ),
                });
                return;
            }
            Err(err) => {
                self.failed
                    .push((shown.clone(), format!("{shown}: cannot read: {err}")));
                return;
            }
        }
        let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        if !seen.insert(canonical) {
            tracing::info!("{shown}: reached twice; converted once");
            return;
        }
        self.push(Source::File(path.to_owned()), shown, id, ids);
    }

    fn push(&mut self, source: Source, shown: String, id: &str, ids: &mut HashSet<String>) {
        // A hidden id would be a hidden output file, which readers of the folder skip.
        let wanted = match id.strip_prefix('.') {
            Some(rest) => format!("_{rest}"),
            None => id.to_owned(),
        };
        let unique = unique_id(&wanted, |candidate| {
            govtrail_output::is_reserved(candidate) || ids.contains(&candidate.to_lowercase())
        });
        ids.insert(unique.to_lowercase());
        if unique != id {
            self.renamed.push((shown.clone(), unique.clone()));
        }
        self.files.push(Input {
            source,
            shown,
            id: unique,
        });
    }
}

/// What a file that is neither a regular file nor a folder is, for the message skipping it.
#[cfg(unix)]
fn kind_of(file_type: &std::fs::FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if file_type.is_fifo() {
        "a named pipe (FIFO)"
    } else if file_type.is_socket() {
        "a socket"
    } else if file_type.is_char_device() || file_type.is_block_device() {
        "a device"
    } else {
        "not a regular file"
    }
}

/// What a file that is neither a regular file nor a folder is, for the message skipping it.
#[cfg(not(unix))]
fn kind_of(_: &std::fs::FileType) -> &'static str {
    "not a regular file"
}

/// The bytes of `input`, at most `limit` of them: `Err` holds the message naming the input,
/// also when it holds more than `limit` bytes (reading stops at `limit + 1`, so a file that
/// grows, or standard input fed without end, cannot exhaust memory).
pub fn read_bounded(input: &Input, limit: u64) -> Result<Vec<u8>, String> {
    let shown = &input.shown;
    let cannot = |e: std::io::Error| format!("{shown}: cannot read: {e}");
    let mut bytes = Vec::new();
    let read = match &input.source {
        Source::Stdin => std::io::stdin()
            .lock()
            .take(limit.saturating_add(1))
            .read_to_end(&mut bytes),
        Source::File(path) => {
            let file = std::fs::File::open(path).map_err(cannot)?;
            let meta = file.metadata().map_err(cannot)?;
            if !meta.is_file() {
                return Err(format!(
                    "{shown}: {}; only regular files are read",
                    kind_of(&meta.file_type())
                ));
            }
            if meta.len() > limit {
                return Err(too_large(shown, &meta.len().to_string(), limit));
            }
            file.take(limit.saturating_add(1)).read_to_end(&mut bytes)
        }
    };
    read.map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(shown, "more than that many", limit));
    }
    Ok(bytes)
}

fn too_large(shown: &str, size: &str, limit: u64) -> String {
    format!(
        "{shown}: the input is {size} bytes, over the limit of {limit} bytes (--max-input-bytes)"
    )
}
