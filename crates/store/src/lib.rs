//! Reads a govtrail output folder (the `--out` of `govtrail convert`) back into the model.
//!
//! Every command that works on converted documents (link, trace, report, export, ...) starts by
//! reading that folder; this crate is the one place that knows which of its files are documents,
//! refuses documents of another `schema_version`, and skips a stray or broken file with a
//! warning rather than stopping the run. The core crates stay free of I/O; this one is only I/O.
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let doc = govtrail_model::DocumentOutput::new("plan.txt", govtrail_model::Family::AgsActionPlanUpdate);
//! std::fs::write(dir.path().join("plan.txt.json"), serde_json::to_vec(&doc).unwrap()).unwrap();
//! std::fs::write(dir.path().join("notes.json"), b"{\"not\": \"a document\"}").unwrap();
//! let docs = govtrail_store::read_documents(dir.path()).unwrap();
//! assert_eq!(docs.len(), 1);
//! assert_eq!(docs[0].document.id, "plan.txt");
//! ```
#![deny(missing_docs)]

use govtrail_model::{DocumentOutput, FailedInput, SCHEMA_VERSION};
use rayon::prelude::*;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// Why an output folder could not be read.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The folder's documents could not be listed ([`govtrail_output::document_files`]).
    #[error(transparent)]
    List(#[from] govtrail_output::OutputError),
    /// A document was written under another version of the contract.
    #[error(
        "{}: written with schema_version {found}, but this govtrail reads {SCHEMA_VERSION}: convert the inputs again with this version",
        path.display()
    )]
    SchemaVersion {
        /// The document file.
        path: PathBuf,
        /// The version the file declares.
        found: u64,
    },
    /// The folder holds no converted document.
    #[error("{}: no converted documents (*.json); run `govtrail convert ... --out {}` first", path.display(), path.display())]
    NoDocuments {
        /// The folder.
        path: PathBuf,
    },
    /// `report.json` is there but is not the run report `govtrail convert` writes.
    #[error("{}: not the report.json of `govtrail convert`: {reason}", path.display())]
    RunReport {
        /// The file.
        path: PathBuf,
        /// What was wrong.
        reason: String,
    },
}

/// What reading one candidate file gave.
enum Read {
    Document(Box<DocumentOutput>),
    Skipped,
}

/// The converted documents of `dir`, in path order: those its manifest (`report.json`) lists,
/// else every `*.json` below it but the run's own files ([`govtrail_output::document_files`]).
///
/// A `*.json` file that cannot be read or is not a
/// converted document is skipped with a warning, so a stray file does not stop a command. A
/// document of another `schema_version` is an error: its fields may mean something else.
pub fn read_documents(dir: &Path) -> Result<Vec<DocumentOutput>, StoreError> {
    let paths = govtrail_output::document_files(dir)?;
    let read: Vec<Read> = paths
        .par_iter()
        .map(|path| read_document(path))
        .collect::<Result<_, _>>()?;
    let documents: Vec<DocumentOutput> = read
        .into_iter()
        .filter_map(|r| match r {
            Read::Document(doc) => Some(*doc),
            Read::Skipped => None,
        })
        .collect();
    if documents.is_empty() {
        return Err(StoreError::NoDocuments {
            path: dir.to_owned(),
        });
    }
    Ok(documents)
}

fn read_document(path: &Path) -> Result<Read, StoreError> {
    /// Only the version, to tell an old document from a broken one.
    #[derive(Deserialize)]
    struct Version {
        schema_version: u64,
    }
    let bytes = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(err) => {
            tracing::warn!("{}: skipped, cannot be read: {err}", path.display());
            return Ok(Read::Skipped);
        }
    };
    match serde_json::from_slice::<Version>(&bytes) {
        Ok(v) if v.schema_version != u64::from(SCHEMA_VERSION) => {
            return Err(StoreError::SchemaVersion {
                path: path.to_owned(),
                found: v.schema_version,
            })
        }
        Ok(_) => {}
        Err(err) => {
            tracing::warn!(
                "{}: skipped, not a converted document: {err}",
                path.display()
            );
            return Ok(Read::Skipped);
        }
    }
    match serde_json::from_slice::<DocumentOutput>(&bytes) {
        Ok(doc) => Ok(Read::Document(Box::new(doc))),
        Err(err) => {
            tracing::warn!(
                "{}: skipped, not a converted document: {err}",
                path.display()
            );
            Ok(Read::Skipped)
        }
    }
}

/// The inputs that failed to convert, from `dir/report.json`, in input order; empty when the
/// folder has no `report.json` (documents converted one by one, or copied).
pub fn read_failed_inputs(dir: &Path) -> Result<Vec<FailedInput>, StoreError> {
    /// The part of `report.json` this needs: each input and its error.
    #[derive(Deserialize)]
    struct RunReport {
        files: Vec<InputReport>,
    }
    #[derive(Deserialize)]
    struct InputReport {
        input: String,
        error: Option<String>,
    }
    let path = dir.join("report.json");
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(err) => {
            return Err(StoreError::RunReport {
                path,
                reason: err.to_string(),
            })
        }
    };
    let report: RunReport =
        serde_json::from_slice(&bytes).map_err(|err| StoreError::RunReport {
            path: path.clone(),
            reason: err.to_string(),
        })?;
    Ok(report
        .files
        .into_iter()
        .filter_map(|f| {
            Some(FailedInput {
                input: f.input,
                error: f.error?,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use govtrail_model::Family;

    fn write(dir: &Path, name: &str, bytes: &[u8]) {
        std::fs::write(dir.join(name), bytes).expect("write");
    }

    fn document(id: &str) -> Vec<u8> {
        serde_json::to_vec(&DocumentOutput::new(id, Family::GovernanceReviewPlan)).expect("json")
    }

    #[test]
    fn reads_documents_by_name_and_skips_run_files_and_strays() {
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), "b.txt.json", &document("b.txt"));
        write(dir.path(), "a.csv.json", &document("a.csv"));
        write(
            dir.path(),
            "links.json",
            br#"{"schema_version": 1, "threads": [], "links": []}"#,
        );
        write(
            dir.path(),
            "broken.json",
            b"{\"schema_version\": 1, \"document\": ",
        );
        write(dir.path(), ".hidden.json", &document("hidden"));
        write(dir.path(), "actions.jsonl", b"{}\n");
        let docs = read_documents(dir.path()).expect("reads");
        let ids: Vec<&str> = docs.iter().map(|d| d.document.id.as_str()).collect();
        assert_eq!(ids, ["a.csv", "b.txt"]);
    }

    #[test]
    fn another_schema_version_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), "a.txt.json", &document("a.txt"));
        let old = String::from_utf8(document("old.txt"))
            .expect("utf-8")
            .replace("\"schema_version\":1", "\"schema_version\":0");
        write(dir.path(), "old.txt.json", old.as_bytes());
        let err = read_documents(dir.path()).expect_err("refused").to_string();
        assert!(
            err.contains("old.txt.json") && err.contains("schema_version 0"),
            "{err}"
        );
    }

    #[test]
    fn a_folder_without_documents_is_an_error() {
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), "notes.json", b"[]");
        let err = read_documents(dir.path()).expect_err("refused").to_string();
        assert!(err.contains("no converted documents"), "{err}");
        let missing = dir.path().join("missing");
        assert!(matches!(read_documents(&missing), Err(StoreError::List(_))));
    }

    #[test]
    fn failed_inputs_come_from_report_json() {
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(read_failed_inputs(dir.path()).expect("no report"), []);
        write(
            dir.path(),
            "report.json",
            br#"{"inputs": 2, "converted": 1, "failed": 1, "files": [
                {"input": "a.txt", "documents": [], "error": null},
                {"input": "minutes.txt", "documents": [], "error": "minutes.txt: not a governance action plan"}]}"#,
        );
        assert_eq!(
            read_failed_inputs(dir.path()).expect("reads"),
            [FailedInput {
                input: "minutes.txt".into(),
                error: "minutes.txt: not a governance action plan".into()
            }]
        );
        write(dir.path(), "report.json", b"[]");
        assert!(read_failed_inputs(dir.path()).is_err());
    }
}
