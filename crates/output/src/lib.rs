//! The output folder of a `govtrail convert` run: its manifest, its documents, its lock.
//!
//! A rerun must tell the truth: the folder holds exactly the documents its last run wrote, as
//! listed in the manifest (`report.json`), and whoever reads `links.json` can tell whether it
//! was made from those documents. The CLI converts; this crate names, lists, locks and checks.
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! assert!(govtrail_output::is_reserved("report"));
//! assert!(!govtrail_output::is_reserved("2019/report"));
//! assert_eq!(govtrail_output::stale_links(dir.path()).unwrap(), None);
//! ```
#![deny(missing_docs)]

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashSet;
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// The run's manifest: every input, its documents or its error, what was skipped.
pub const REPORT: &str = "report.json";
/// The linker's output, written by `govtrail link`.
pub const LINKS: &str = "links.json";
/// Every action of every document, one JSON object per line.
pub const ACTIONS: &str = "actions.jsonl";
/// Held (locked) by a convert run while it writes into the folder.
pub const LOCK: &str = ".govtrail.lock";
/// The report page the README writes beside the documents.
pub const REPORT_PAGE: &str = "report.html";
/// The start of the name of every temporary file a run writes before renaming it into place;
/// what a killed run leaves behind is removed by the next convert.
pub const TMP_PREFIX: &str = ".govtrail-tmp";
/// The folder's own files, which no document may be written over.
pub const RESERVED: [&str; 5] = [REPORT, LINKS, ACTIONS, LOCK, REPORT_PAGE];

/// The version of the manifest's shape.
pub const SCHEMA_VERSION: u32 = 1;

/// `report.json`: the manifest of the last convert run into the folder.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RunReport {
    /// Always [`SCHEMA_VERSION`].
    #[serde(default)]
    pub schema_version: u32,
    /// The program and version that wrote the folder (`govtrail 0.1.0`).
    #[serde(default)]
    pub tool: String,
    /// When the run started and finished, RFC 3339 in UTC.
    #[serde(default)]
    pub started: String,
    /// See [`RunReport::started`].
    #[serde(default)]
    pub finished: String,
    /// Inputs read (skipped entries not counted).
    pub inputs: usize,
    /// Inputs converted into at least one document.
    pub converted: usize,
    /// Inputs that failed, each with its error in `files`.
    pub failed: usize,
    /// A digest of every document written (ids and bytes): equal for two runs that wrote the
    /// same documents. `govtrail link` copies it into `links.json`; see [`stale_links`].
    #[serde(default)]
    pub documents_fingerprint: String,
    /// When the documents last changed (RFC 3339, UTC, to the nanosecond): this run's end when
    /// its fingerprint differs from the last run's, else the last run's value. A `links.json`
    /// without a fingerprint of its own is judged by it ([`stale_links`]).
    #[serde(default)]
    pub documents_changed: String,
    /// Entries of the input folders that were not read, with the reason.
    #[serde(default)]
    pub skipped: Vec<Skipped>,
    /// One entry per input, in input order (entries of a folder that could not be read at
    /// all come last).
    pub files: Vec<InputReport>,
}

/// One input's entry in [`RunReport::files`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InputReport {
    /// The input's path as given (a folder's files: the folder joined with the file's path).
    pub input: String,
    /// Its documents; empty when it failed.
    pub documents: Vec<DocumentReport>,
    /// The one-line message printed on stderr, when it failed.
    pub error: Option<String>,
}

/// One document's entry in [`InputReport::documents`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentReport {
    /// The document id.
    pub id: String,
    /// Its JSON file, relative to the folder, `/`-separated ([`document_file`] of the id).
    #[serde(default)]
    pub file: String,
    /// Its family.
    pub family: String,
    /// Counts of its actions, unparsed lines, diagnostics and warning-or-worse diagnostics.
    pub actions: usize,
    /// See [`DocumentReport::actions`].
    pub unparsed: usize,
    /// See [`DocumentReport::actions`].
    pub diagnostics: usize,
    /// See [`DocumentReport::actions`].
    pub warnings: usize,
}

/// An entry of an input folder that was not read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// The entry's path as given.
    pub path: String,
    /// Why it was not read.
    pub reason: String,
}

/// Why a folder operation failed. Displays as `path: what went wrong`.
#[derive(Debug, thiserror::Error)]
#[error("{}: {kind}", path.display())]
pub struct OutputError {
    /// The file or folder.
    pub path: PathBuf,
    /// What went wrong.
    pub kind: OutputErrorKind,
}

/// The kinds of [`OutputError`].
#[derive(Debug, thiserror::Error)]
pub enum OutputErrorKind {
    /// Reading, writing or removing failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A manifest or links file is not the JSON it should be.
    #[error("not a govtrail {what}: {source}")]
    Json {
        /// `report.json` or `links.json`.
        what: &'static str,
        /// The parser's message.
        source: serde_json::Error,
    },
    /// Another convert run holds the folder's lock.
    #[error("another govtrail convert is writing into this folder (it holds {LOCK}); wait for it to finish or choose another --out")]
    Locked,
}

fn fail(path: &Path, kind: impl Into<OutputErrorKind>) -> OutputError {
    OutputError {
        path: path.to_owned(),
        kind: kind.into(),
    }
}

/// The JSON file of document `id`, relative to the folder: the id's `/`-separated path with
/// `.json` added (`2019/plan.txt` → `2019/plan.txt.json`).
pub fn document_file(id: &str) -> String {
    format!("{id}.json")
}

/// Whether document `id` would be written over one of the folder's own files ([`RESERVED`],
/// temporary files), as a hidden file (which readers of the folder skip), or outside the
/// folder: an input named `report` would otherwise replace the manifest. File systems that
/// ignore case are allowed for (`Report` is reserved too).
pub fn is_reserved(id: &str) -> bool {
    let file = document_file(id);
    is_own_file(&file) || !is_inside(&file)
}

/// Whether the `/`-separated `relative` names a path inside the folder (no root, no `..`, no
/// empty part). Other characters are the file system's business: `a:b` and `..\\x` are file
/// names on Unix.
fn is_inside(relative: &str) -> bool {
    relative
        .split('/')
        .all(|part| !part.is_empty() && part != "." && part != "..")
        && !Path::new(relative).has_root()
}

/// The digest of one document's bytes, for [`fingerprint`].
pub fn digest(bytes: &[u8]) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// The fingerprint of the documents a run wrote, from each document's file and [`digest`], in
/// any order: 16 hex digits, equal for two runs that wrote the same documents.
pub fn fingerprint<'a>(documents: impl IntoIterator<Item = (&'a str, u64)>) -> String {
    let mut each: Vec<(&str, u64)> = documents.into_iter().collect();
    each.sort_unstable();
    let mut hasher = std::hash::DefaultHasher::new();
    each.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
}

/// The manifest of `dir`, or `None` when no convert run has written one.
pub fn read_report(dir: &Path) -> Result<Option<RunReport>, OutputError> {
    let path = dir.join(REPORT);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(fail(&path, e)),
    };
    serde_json::from_slice(&bytes).map(Some).map_err(|source| {
        fail(
            &path,
            OutputErrorKind::Json {
                what: "report.json",
                source,
            },
        )
    })
}

/// The document files of `dir`: those its manifest lists when it has one (so documents a
/// rerun no longer writes are never read), else every `*.json` below it other than the
/// folder's own files and hidden ones, in path order.
pub fn document_files(dir: &Path) -> Result<Vec<PathBuf>, OutputError> {
    if let Some(report) = read_report(dir)? {
        return Ok(listed_files(&report)
            .map(|file| dir.join(file.as_ref()))
            .filter(|path| path.is_file())
            .collect());
    }
    let mut files = Vec::new();
    let walk = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walk {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_owned();
            fail(&path, std::io::Error::other(e.to_string()))
        })?;
        let name = entry.file_name().to_string_lossy();
        let top_level_own_file = entry.depth() == 1 && RESERVED.contains(&name.as_ref());
        if entry.file_type().is_file() && name.ends_with(".json") && !top_level_own_file {
            files.push(entry.into_path());
        }
    }
    Ok(files)
}

/// The document files a manifest lists, relative and inside the folder (a hand-edited
/// manifest naming `../elsewhere.json` names nothing); a manifest written before documents
/// had a `file` names each by [`document_file`] of its id.
fn listed_files(report: &RunReport) -> impl Iterator<Item = Cow<'_, str>> {
    report
        .files
        .iter()
        .flat_map(|f| &f.documents)
        .map(|d| match d.file.as_str() {
            "" => Cow::Owned(document_file(&d.id)),
            file => Cow::Borrowed(file),
        })
        .filter(|file| is_inside(file) && file.ends_with(".json") && !is_own_file(file))
}

/// Whether the relative path `file` is, or lies under, one of the folder's own files or a
/// hidden one (the lock and temporary files are hidden).
fn is_own_file(file: &str) -> bool {
    let first = file.split('/').next().unwrap_or_default();
    RESERVED.iter().any(|r| first.eq_ignore_ascii_case(r)) || first.starts_with('.')
}

/// Removes the documents `previous` listed that `current` does not (their inputs failed or
/// are gone), and the folders that leaves empty; returns the files removed, relative to `dir`.
pub fn remove_dropped_documents(
    dir: &Path,
    previous: &RunReport,
    current: &RunReport,
) -> Result<Vec<String>, OutputError> {
    let kept: HashSet<Cow<'_, str>> = listed_files(current).collect();
    let mut removed = Vec::new();
    for file in listed_files(previous).filter(|f| !kept.contains(f)) {
        let path = dir.join(file.as_ref());
        match std::fs::remove_file(&path) {
            Ok(()) => removed.push(file.into_owned()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(fail(&path, e)),
        }
        // Folders mirrored from the inputs that hold nothing now; a folder with anything else
        // in it stays (removing a non-empty folder fails, which is what is wanted).
        let mut parent = path.parent();
        while let Some(folder) = parent.filter(|p| *p != dir && p.starts_with(dir)) {
            if std::fs::remove_dir(folder).is_err() {
                break;
            }
            parent = folder.parent();
        }
    }
    Ok(removed)
}

/// Removes the temporary files ([`TMP_PREFIX`]) a killed run left anywhere in `dir`; returns
/// them. Call it holding the [`RunLock`], so no running writer loses its file.
pub fn remove_leftovers(dir: &Path) -> Result<Vec<PathBuf>, OutputError> {
    let mut removed = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let Ok(entry) = entry else { continue };
        if entry.file_type().is_file()
            && entry.file_name().to_string_lossy().starts_with(TMP_PREFIX)
        {
            std::fs::remove_file(entry.path()).map_err(|e| fail(entry.path(), e))?;
            removed.push(entry.into_path());
        }
    }
    Ok(removed)
}

/// The folder's lock, held while a convert run writes into it and released when dropped (or
/// when the process ends, however it ends: a killed run leaves no stale lock behind).
#[derive(Debug)]
pub struct RunLock {
    _file: File,
}

impl RunLock {
    /// Takes the lock of `dir`, failing at once with [`OutputErrorKind::Locked`] when another
    /// run holds it.
    pub fn acquire(dir: &Path) -> Result<RunLock, OutputError> {
        let path = dir.join(LOCK);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| fail(&path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(RunLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) => Err(fail(dir, OutputErrorKind::Locked)),
            Err(std::fs::TryLockError::Error(e)) => Err(fail(&path, e)),
        }
    }
}

/// Why `links.json` no longer describes the folder's documents.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{} is older than the documents ({reason}); run `govtrail link` again", path.display())]
pub struct StaleLinks {
    /// The links file.
    pub path: PathBuf,
    /// What shows it.
    pub reason: String,
}

/// The stamp `govtrail link` leaves in `links.json`: the manifest's fingerprint of the
/// documents it linked.
#[derive(Deserialize)]
struct LinksStamp {
    #[serde(default)]
    documents_fingerprint: Option<String>,
}

/// Whether `links.json` in `dir` is stale: made from other documents than the last convert
/// wrote. `None` when it is current, or when there is no `links.json` or no manifest to judge
/// by. `links.json` with a `documents_fingerprint` is judged by it against the manifest's;
/// one without by its modification time against [`RunReport::documents_changed`] (or, in a
/// manifest without that, the manifest's own modification time).
pub fn stale_links(dir: &Path) -> Result<Option<StaleLinks>, OutputError> {
    let links = dir.join(LINKS);
    if !links.is_file() {
        return Ok(None);
    }
    let Some(report) = read_report(dir)? else {
        return Ok(None);
    };
    let bytes = std::fs::read(&links).map_err(|e| fail(&links, e))?;
    let stamp: LinksStamp = serde_json::from_slice(&bytes).map_err(|source| {
        fail(
            &links,
            OutputErrorKind::Json {
                what: "links.json",
                source,
            },
        )
    })?;
    let stale = |reason: String| {
        Ok(Some(StaleLinks {
            path: links.clone(),
            reason,
        }))
    };
    match stamp.documents_fingerprint {
        Some(made_from) if made_from == report.documents_fingerprint => Ok(None),
        Some(made_from) => stale(format!(
            "linked documents {made_from}, converted documents now {}",
            report.documents_fingerprint
        )),
        None => {
            let modified = |path: &Path| {
                std::fs::metadata(path)
                    .and_then(|m| m.modified())
                    .map_err(|e| fail(path, e))
            };
            let changed = match chrono::DateTime::parse_from_rfc3339(&report.documents_changed) {
                Ok(changed) => std::time::SystemTime::from(changed),
                Err(_) => modified(&dir.join(REPORT))?,
            };
            if modified(&links)? < changed {
                stale("written before the documents last changed".to_owned())
            } else {
                Ok(None)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn report_with(files: &[&str], fingerprint: &str) -> RunReport {
        RunReport {
            schema_version: SCHEMA_VERSION,
            documents_fingerprint: fingerprint.into(),
            files: vec![InputReport {
                input: "in".into(),
                documents: files
                    .iter()
                    .map(|f| DocumentReport {
                        id: f.trim_end_matches(".json").into(),
                        file: (*f).into(),
                        family: "ags-action-plan-update".into(),
                        actions: 1,
                        unparsed: 0,
                        diagnostics: 0,
                        warnings: 0,
                    })
                    .collect(),
                error: None,
            }],
            ..RunReport::default()
        }
    }

    fn write_report(dir: &Path, report: &RunReport) {
        std::fs::write(dir.join(REPORT), serde_json::to_vec(report).unwrap()).unwrap();
    }

    #[test]
    fn reserved_ids_are_the_folders_own_files_in_any_case_and_paths_leaving_it() {
        for id in [
            "report",
            "links",
            "Report",
            "LINKS",
            "report.json/x.txt",
            "../x",
            "/etc/x",
            ".x",
        ] {
            assert!(is_reserved(id), "{id:?}");
        }
        for id in [
            "2019/report",
            "plan.txt",
            "report.txt",
            "a#b",
            "actions",
            "a:b",
            "a\\..\\x",
        ] {
            assert!(!is_reserved(id), "{id:?}");
        }
        assert!(is_reserved(".govtrail-tmpABC"));
    }

    #[test]
    fn fingerprints_ignore_order_and_see_every_byte() {
        let a = fingerprint([("a.json", digest(b"1")), ("b.json", digest(b"2"))]);
        let b = fingerprint([("b.json", digest(b"2")), ("a.json", digest(b"1"))]);
        assert_eq!(a, b);
        assert_eq!(a.len(), 16);
        let c = fingerprint([("a.json", digest(b"1")), ("b.json", digest(b"3"))]);
        assert_ne!(a, c);
        let d = fingerprint([("a.json", digest(b"1")), ("c.json", digest(b"2"))]);
        assert_ne!(a, d);
    }

    #[test]
    fn documents_are_those_the_manifest_lists_else_the_json_files_below() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("2019")).unwrap();
        for file in ["a.json", "2019/b.json", "links.json", "stray.json"] {
            std::fs::write(dir.path().join(file), "{}").unwrap();
        }
        let found = document_files(dir.path()).unwrap();
        let names: Vec<_> = found
            .iter()
            .map(|p| {
                p.strip_prefix(dir.path())
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        assert_eq!(names, ["2019/b.json", "a.json", "stray.json"]);

        write_report(
            dir.path(),
            &report_with(&["a.json", "2019/b.json", "../x.json"], "f"),
        );
        let listed = document_files(dir.path()).unwrap();
        assert_eq!(
            listed,
            [dir.path().join("a.json"), dir.path().join("2019/b.json")]
        );
    }

    #[test]
    fn a_rerun_removes_what_it_no_longer_writes_and_the_folders_left_empty() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("2019/q1")).unwrap();
        for file in ["a.json", "2019/q1/b.json", "keep.json"] {
            std::fs::write(dir.path().join(file), "{}").unwrap();
        }
        let previous = report_with(&["a.json", "2019/q1/b.json", "../keep.json"], "1");
        let current = report_with(&["a.json"], "2");
        let removed = remove_dropped_documents(dir.path(), &previous, &current).unwrap();
        assert_eq!(removed, ["2019/q1/b.json"]);
        assert!(!dir.path().join("2019").exists());
        assert!(dir.path().join("a.json").exists());
        assert!(dir.path().join("keep.json").exists());
    }

    #[test]
    fn leftovers_of_a_killed_run_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let leftover = dir.path().join("sub").join(format!("{TMP_PREFIX}x1y2"));
        std::fs::write(&leftover, "half").unwrap();
        std::fs::write(dir.path().join("a.json"), "{}").unwrap();
        assert_eq!(
            remove_leftovers(dir.path()).unwrap(),
            std::slice::from_ref(&leftover)
        );
        assert!(!leftover.exists());
        assert!(dir.path().join("a.json").exists());
    }

    #[test]
    fn a_second_lock_on_one_folder_fails_until_the_first_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let first = RunLock::acquire(dir.path()).unwrap();
        let second = RunLock::acquire(dir.path()).unwrap_err();
        assert!(matches!(second.kind, OutputErrorKind::Locked));
        assert!(second.to_string().contains("another govtrail convert"));
        drop(first);
        RunLock::acquire(dir.path()).unwrap();
    }

    #[test]
    fn links_are_stale_when_their_fingerprint_differs_from_the_manifests() {
        let dir = tempfile::tempdir().unwrap();
        write_report(dir.path(), &report_with(&["a.json"], "0123"));
        assert_eq!(stale_links(dir.path()).unwrap(), None, "no links.json yet");
        let links = dir.path().join(LINKS);
        std::fs::write(
            &links,
            r#"{"documents_fingerprint": "0123", "threads": []}"#,
        )
        .unwrap();
        assert_eq!(stale_links(dir.path()).unwrap(), None);
        std::fs::write(
            &links,
            r#"{"documents_fingerprint": "4567", "threads": []}"#,
        )
        .unwrap();
        let stale = stale_links(dir.path()).unwrap().unwrap();
        assert!(
            stale.to_string().contains("run `govtrail link` again"),
            "{stale}"
        );
    }

    #[test]
    fn unstamped_links_are_judged_by_modification_time() {
        let dir = tempfile::tempdir().unwrap();
        let links = dir.path().join(LINKS);
        std::fs::write(&links, r#"{"threads": []}"#).unwrap();
        let old = std::time::SystemTime::now() - std::time::Duration::from_secs(60);
        File::options()
            .write(true)
            .open(&links)
            .unwrap()
            .set_modified(old)
            .unwrap();
        write_report(dir.path(), &report_with(&["a.json"], "0123"));
        assert!(stale_links(dir.path()).unwrap().is_some());
        let changed_before_linking = RunReport {
            documents_changed: "2000-01-01T00:00:00.000000001Z".into(),
            ..report_with(&["a.json"], "0123")
        };
        write_report(dir.path(), &changed_before_linking);
        assert_eq!(stale_links(dir.path()).unwrap(), None);
        write_report(dir.path(), &report_with(&["a.json"], "0123"));
        File::options()
            .write(true)
            .open(&links)
            .unwrap()
            .set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(60))
            .unwrap();
        assert_eq!(stale_links(dir.path()).unwrap(), None);
    }
}
